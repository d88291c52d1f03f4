package boomisim

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// AdminRoles, Organization and AdminUsers: read-only views the connector syncs (docs/boomi-api.md#mft-adminroles, #mft-adminusers).

// listRoles answers every role, soft-deleted ones included (the schema carries deletedDate, so clients must
// skip them themselves). permissions is only filled when includePermissions=true.
func (a *mftAPI) listRoles(w http.ResponseWriter, r *http.Request, st *MFTState) {
	withPermissions, _ := strconv.ParseBool(r.URL.Query().Get("includePermissions"))
	out := make([]MFTRole, 0, len(st.Roles))
	for _, role := range st.Roles {
		role.Permissions = slices.Clone(role.Permissions)
		if !withPermissions {
			role.Permissions = nil
		}
		out = append(out, role)
	}
	writeMFTJSON(w, out)
}

// listOrganizations hides soft-deleted organizations unless showDeleted=true (docs/boomi-api.md#mft-organization).
func (a *mftAPI) listOrganizations(w http.ResponseWriter, r *http.Request, st *MFTState) {
	showDeleted, _ := strconv.ParseBool(r.URL.Query().Get("showDeleted"))
	out := make([]MFTOrganization, 0, len(st.Organizations))
	for _, org := range st.Organizations {
		if org.DeletedDate != nil && !showDeleted {
			continue
		}
		out = append(out, org)
	}
	writeMFTJSON(w, out)
}

// mftUserListItem is one entry of "list all users of the current customer" (docs/boomi-api.md#mft-adminusers): it carries
// lock and login data but no role or organization ids.
type mftUserListItem struct {
	ID             int32   `json:"id"`
	FirstName      string  `json:"firstName"`
	LastName       string  `json:"lastName"`
	Username       string  `json:"username"`
	IsEnabled      bool    `json:"isEnabled"`
	IsActive       bool    `json:"isActive"`
	IsAdmin        bool    `json:"isAdmin"`
	Created        *string `json:"created"`
	Email          string  `json:"email"`
	CustomerName   *string `json:"customerName"`
	CustomerID     int32   `json:"customerId"`
	FailedAttempts int32   `json:"failedAttempts"`
	BannedUntil    *string `json:"bannedUntil"`
	LastLogin      *string `json:"lastLogin"`
}

// mftUserDetail is GET /api/AdminUsers/{userId} (docs/boomi-api.md#mft-adminusers): role ids as an array but organization ids
// as a comma-separated string. The password field of the schema is never filled.
type mftUserDetail struct {
	ID                          int32   `json:"id"`
	CustomerID                  int32   `json:"customerId"`
	Email                       string  `json:"email"`
	FirstName                   string  `json:"firstName"`
	LastName                    string  `json:"lastName"`
	Username                    string  `json:"username"`
	IsActive                    bool    `json:"isActive"`
	IsEnabled                   bool    `json:"isEnabled"`
	IsLogSession                bool    `json:"isLogSession"`
	Password                    *string `json:"password"`
	OrganizationIDs             string  `json:"organizationIds"`
	DefaultUploadFlowEndpointID *int32  `json:"defaultUploadFlowEndpointId"`
	RoleIDs                     []int32 `json:"roleIds"`
}

func (a *mftAPI) listUsers(w http.ResponseWriter, _ *http.Request, st *MFTState) {
	out := make([]mftUserListItem, 0, len(st.Users))
	for _, u := range st.Users {
		out = append(out, mftUserListItem{
			ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.Username,
			IsEnabled: u.IsEnabled, IsActive: u.IsActive, IsAdmin: u.IsAdmin, Created: u.Created,
			Email: u.Email, CustomerName: u.CustomerName, CustomerID: u.CustomerID,
			FailedAttempts: u.FailedAttempts, BannedUntil: u.BannedUntil, LastLogin: u.LastLogin,
		})
	}
	writeMFTJSON(w, out)
}

func (a *mftAPI) getUser(w http.ResponseWriter, r *http.Request, st *MFTState) {
	id, err := mftPathID(r)
	if err != nil {
		writeMFTErr(w, err)
		return
	}
	i := slices.IndexFunc(st.Users, func(u MFTUser) bool { return u.ID == id })
	if i < 0 {
		writeMFTError(w, http.StatusNotFound, "MFT user "+mftItoa(id)+" does not exist")
		return
	}
	u := st.Users[i]
	orgs := make([]string, 0, len(u.OrganizationIDs))
	for _, oid := range u.OrganizationIDs {
		orgs = append(orgs, mftItoa(oid))
	}
	writeMFTJSON(w, mftUserDetail{
		ID: u.ID, CustomerID: u.CustomerID, Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
		Username: u.Username, IsActive: u.IsActive, IsEnabled: u.IsEnabled,
		OrganizationIDs: strings.Join(orgs, ","), RoleIDs: slices.Clone(u.RoleIDs),
	})
}
