package accessreport

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// WriteJSON writes the report as one indented JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// csvHeader is one row per (question, user, role): spreadsheet-friendly, one file for all three questions.
var csvHeader = []string{"question", "environment_id", "environment_name", "user_id", "user_name", "role_id", "role_name", "basis", "can_bypass_sso"}

// Questions as the CSV's first column names them.
const (
	QuestionDeployProd   = "can_deploy_to_prod"
	QuestionAccountAdmin = "holds_account_admin"
	QuestionAPIAccess    = "has_api_access"
	QuestionSSOBypass    = "can_bypass_sso"
)

// WriteCSV writes every row of the report.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	_ = cw.Write(csvHeader)
	row := func(question, envID, envName string, a Access) {
		_ = cw.Write([]string{question, envID, envName, a.UserID, a.UserName, a.RoleID, a.RoleName, a.Basis, strconv.FormatBool(a.CanBypassSSO)})
	}
	for _, env := range r.ProdDeployers {
		for _, a := range env.Deployers {
			row(QuestionDeployProd, env.ID, env.Name, a)
		}
	}
	for _, a := range r.AccountAdmins {
		row(QuestionAccountAdmin, "", "", a)
	}
	for _, a := range r.APIAccess {
		row(QuestionAPIAccess, "", "", a)
	}
	for _, a := range r.SSOBypass {
		row(QuestionSSOBypass, "", "", a)
	}
	cw.Flush()
	return cw.Error()
}

// WriteTable writes a readable table per question; limit > 0 shows at most limit rows of each, then how
// many more there are.
func (r *Report) WriteTable(w io.Writer, limit int) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, env := range r.ProdDeployers {
		note := "access restricted to attached roles"
		if !env.Restricted {
			note = "no roles attached: open to every role"
		}
		fmt.Fprintf(tw, "Who can deploy to PROD environment %q (%s; %s): %s\n", env.Name, env.ID, note, usersLine(env.Deployers))
		writeRows(tw, env.Deployers, limit, true)
	}
	if len(r.ProdDeployers) == 0 {
		fmt.Fprintln(tw, "No PROD environment was synced (the connector's user may lack Runtime Management Read Access).")
		fmt.Fprintln(tw)
	}
	fmt.Fprintf(tw, "Who holds Account Administration (ACCOUNT_ADMIN): %s\n", usersLine(r.AccountAdmins))
	writeRows(tw, r.AccountAdmins, limit, false)
	fmt.Fprintf(tw, "Who has API access (API): %s\n", usersLine(r.APIAccess))
	writeRows(tw, r.APIAccess, limit, false)
	fmt.Fprintf(tw, "Who can bypass SSO (Administrators with a federation id on an account that enforces SSO): %d users\n", Users(r.SSOBypass))
	writeRows(tw, r.SSOBypass, limit, false)
	return tw.Flush()
}

func writeRows(tw io.Writer, rows []Access, limit int, withBasis bool) {
	header := "  USER\tNAME\tROLE\tCAN BYPASS SSO"
	if withBasis {
		header += "\tWHY"
	}
	fmt.Fprintln(tw, header)
	shown := rows
	if limit > 0 && len(rows) > limit {
		shown = rows[:limit]
	}
	for _, a := range shown {
		line := fmt.Sprintf("  %s\t%s\t%s\t%s", a.UserID, a.UserName, a.RoleName, yesNo(a.CanBypassSSO))
		if withBasis {
			line += "\t" + a.Basis
		}
		fmt.Fprintln(tw, line)
	}
	if len(shown) < len(rows) {
		fmt.Fprintf(tw, "  ... and %d more rows\n", len(rows)-len(shown))
	}
	fmt.Fprintln(tw)
}

// usersLine is a question's headline: how many users, and how many of them can bypass SSO.
func usersLine(rows []Access) string {
	var bypass []Access
	for _, a := range rows {
		if a.CanBypassSSO {
			bypass = append(bypass, a)
		}
	}
	return fmt.Sprintf("%d users, %d of them can bypass SSO", Users(rows), Users(bypass))
}

func yesNo(b bool) string {
	if b {
		return "YES"
	}
	return "no"
}
