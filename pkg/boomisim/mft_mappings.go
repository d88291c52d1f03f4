package boomisim

import (
	"net/http"
	"slices"
	"strings"
)

// AdminSsoMapping handlers and the rules they enforce. The rules listed at validateMappings are the simulator's
// assumptions about Boomi MFT (docs/boomi-api.md#mft-adminssomapping lists fields and operations, not validation rules); each is
// stricter than or equal to what a lenient server would do, so a client that works here also works there.

// listMappings answers every live mapping of the tenant (deleted ones are not listed).
func (a *mftAPI) listMappings(w http.ResponseWriter, _ *http.Request, st *MFTState) {
	out := make([]MFTSSOMapping, 0, len(st.SSOMappings))
	for _, m := range st.SSOMappings {
		out = append(out, m.clone())
	}
	writeMFTJSON(w, out)
}

func (a *mftAPI) getMapping(w http.ResponseWriter, r *http.Request, st *MFTState) {
	id, err := mftPathID(r)
	if err != nil {
		writeMFTErr(w, err)
		return
	}
	i := st.mappingIndex(id)
	if i < 0 {
		writeMFTError(w, http.StatusNotFound, "SSO mapping "+mftItoa(id)+" does not exist")
		return
	}
	writeMFTJSON(w, st.SSOMappings[i].clone())
}

// createMapping assigns the id, customer and audit fields; whatever the caller sent for them is ignored.
func (a *mftAPI) createMapping(w http.ResponseWriter, r *http.Request, st *MFTState) {
	var in MFTSSOMapping
	if err := decodeMFTBody(r, &in); err != nil {
		writeMFTErr(w, err)
		return
	}
	created := MFTSSOMapping{
		ID:              st.nextMFTID(),
		CustomerID:      st.CustomerID,
		AttributeName:   in.AttributeName,
		AttributeValue:  in.AttributeValue,
		IsDefault:       in.IsDefault,
		CreatedBy:       mftStr(mftAuditName),
		CreatedDate:     mftStr(a.stamp()),
		OrganizationIDs: slices.Clone(in.OrganizationIDs),
		RoleIDs:         slices.Clone(in.RoleIDs),
	}
	after := append(cloneMFTMappings(st.SSOMappings), created)
	if err := st.validateMappings(after, []int32{created.ID}); err != nil {
		writeMFTErr(w, err)
		return
	}
	st.SSOMappings = after
	writeMFTJSON(w, created.clone())
}

// updateMapping replaces the caller-owned fields of the mapping named by the body's id (PUT semantics: an
// omitted list becomes null). Server-owned fields (customer, created*, deleted*) keep their stored values.
func (a *mftAPI) updateMapping(w http.ResponseWriter, r *http.Request, st *MFTState) {
	var in MFTSSOMapping
	if err := decodeMFTBody(r, &in); err != nil {
		writeMFTErr(w, err)
		return
	}
	updated, err := a.applyUpdates(st, []MFTSSOMapping{in})
	if err != nil {
		writeMFTErr(w, err)
		return
	}
	writeMFTJSON(w, updated[0])
}

// bulkUpdateMappings applies every update of the array atomically: either all are valid (each id exists,
// and the resulting set of mappings obeys the rules) or nothing changes.
func (a *mftAPI) bulkUpdateMappings(w http.ResponseWriter, r *http.Request, st *MFTState) {
	var in []MFTSSOMapping
	if err := decodeMFTBody(r, &in); err != nil {
		writeMFTErr(w, err)
		return
	}
	if len(in) == 0 {
		writeMFTError(w, http.StatusBadRequest, "the bulk update body is an empty array")
		return
	}
	updated, err := a.applyUpdates(st, in)
	if err != nil {
		writeMFTErr(w, err)
		return
	}
	writeMFTJSON(w, updated)
}

func (a *mftAPI) applyUpdates(st *MFTState, in []MFTSSOMapping) ([]MFTSSOMapping, error) {
	after := cloneMFTMappings(st.SSOMappings)
	changed := make([]int32, 0, len(in))
	stamp := a.stamp()
	for _, u := range in {
		if slices.Contains(changed, u.ID) {
			return nil, mftErrorf(http.StatusBadRequest, "SSO mapping %d appears twice in one update", u.ID)
		}
		i := st.mappingIndex(u.ID)
		if i < 0 {
			return nil, mftErrorf(http.StatusNotFound, "SSO mapping %d does not exist", u.ID)
		}
		m := &after[i]
		m.AttributeName = u.AttributeName
		m.AttributeValue = u.AttributeValue
		m.IsDefault = u.IsDefault
		m.OrganizationIDs = slices.Clone(u.OrganizationIDs)
		m.RoleIDs = slices.Clone(u.RoleIDs)
		m.UpdatedBy = mftStr(mftAuditName)
		m.UpdatedDate = mftStr(stamp)
		changed = append(changed, u.ID)
	}
	if err := st.validateMappings(after, changed); err != nil {
		return nil, err
	}
	st.SSOMappings = after
	out := make([]MFTSSOMapping, 0, len(changed))
	for _, id := range changed {
		out = append(out, after[st.mappingIndex(id)].clone())
	}
	return out, nil
}

// deleteMapping removes a mapping and answers thruStatus {"data": null}, the answer of every documented MFT
// delete (docs/boomi-api.md#mft-deletes); deleting it again, or an id that never existed, is 404.
func (a *mftAPI) deleteMapping(w http.ResponseWriter, r *http.Request, st *MFTState) {
	id, err := mftPathID(r)
	if err != nil {
		writeMFTErr(w, err)
		return
	}
	if i := st.mappingIndex(id); i >= 0 {
		st.SSOMappings = slices.Delete(st.SSOMappings, i, i+1)
		if st.Deleted == nil {
			st.Deleted = map[int32]bool{}
		}
		st.Deleted[id] = true
		writeMFTJSON(w, map[string]any{"data": nil})
		return
	}
	writeMFTError(w, http.StatusNotFound, "SSO mapping "+mftItoa(id)+" does not exist")
}

// validateMappings checks the whole set after a change; changed names the mappings the request touched, so
// messages name them. Rules (UNCONFIRMED(mft-mapping-validation), the
// simulator's assumptions):
//   - attributeName must not be empty or blank;
//   - no two mappings share attributeName and attributeValue (compared case-insensitively, as IdP claim
//     matching usually is);
//   - role and organization ids must name existing, not deleted roles and organizations;
//   - at most one mapping is the default (UNCONFIRMED(mft-single-default)), so moving the default flag takes one bulk update that clears the
//     old default and sets the new one.
func (st *MFTState) validateMappings(all []MFTSSOMapping, changed []int32) error {
	seen := map[string]int32{}
	defaults := []int32{}
	for _, m := range all {
		if m.IsDefault {
			defaults = append(defaults, m.ID)
		}
		key := strings.ToLower(mftDeref(m.AttributeName)) + "\x00" + strings.ToLower(mftDeref(m.AttributeValue))
		if other, dup := seen[key]; dup {
			id := m.ID
			if !slices.Contains(changed, id) {
				id, other = other, id
			}
			return mftErrorf(http.StatusBadRequest, "SSO mapping %d would duplicate mapping %d: attribute %q = %q is already mapped", id, other, mftDeref(m.AttributeName), mftDeref(m.AttributeValue))
		}
		seen[key] = m.ID
	}
	for _, id := range changed {
		m := all[indexOfMFTMapping(all, id)]
		if strings.TrimSpace(mftDeref(m.AttributeName)) == "" {
			return mftErrorf(http.StatusBadRequest, "SSO mapping %d has an empty attributeName; an attribute name is required", id)
		}
		for _, rid := range m.RoleIDs {
			if !st.liveRole(rid) {
				return mftErrorf(http.StatusBadRequest, "SSO mapping %d names role %d, which does not exist", id, rid)
			}
		}
		for _, oid := range m.OrganizationIDs {
			if !st.liveOrganization(oid) {
				return mftErrorf(http.StatusBadRequest, "SSO mapping %d names organization %d, which does not exist", id, oid)
			}
		}
	}
	if len(defaults) > 1 {
		return mftErrorf(http.StatusBadRequest, "SSO mappings %v would all be the default; at most one mapping can be the default", defaults)
	}
	return nil
}

func (st *MFTState) mappingIndex(id int32) int { return indexOfMFTMapping(st.SSOMappings, id) }

func indexOfMFTMapping(ms []MFTSSOMapping, id int32) int {
	return slices.IndexFunc(ms, func(m MFTSSOMapping) bool { return m.ID == id })
}

func (st *MFTState) liveRole(id int32) bool {
	return slices.ContainsFunc(st.Roles, func(r MFTRole) bool { return r.ID == id && r.DeletedDate == nil })
}

func (st *MFTState) liveOrganization(id int32) bool {
	return slices.ContainsFunc(st.Organizations, func(o MFTOrganization) bool { return o.ID == id && o.DeletedDate == nil })
}

// nextMFTID hands out the next integer id (one sequence for all MFT objects keeps ids distinct across types,
// so a client that confuses a role id with an organization id gets a 400, not a silent wrong answer).
// NextID is the next free id; a state built by hand without it continues after the largest id in use.
func (st *MFTState) nextMFTID() int32 {
	if st.NextID <= st.maxID() {
		st.NextID = st.maxID() + 1
	}
	id := st.NextID
	st.NextID++
	return id
}

func (st *MFTState) maxID() int32 {
	var hi int32
	for _, m := range st.SSOMappings {
		hi = max(hi, m.ID)
	}
	for id := range st.Deleted {
		hi = max(hi, id)
	}
	for _, r := range st.Roles {
		hi = max(hi, r.ID)
	}
	for _, o := range st.Organizations {
		hi = max(hi, o.ID)
	}
	for _, u := range st.Users {
		hi = max(hi, u.ID)
	}
	return hi
}

// clone copies the mapping including what its pointers and slices reach, so no answer or stored copy shares
// memory with another.
func (m MFTSSOMapping) clone() MFTSSOMapping {
	for _, p := range []**string{&m.AttributeName, &m.AttributeValue, &m.CreatedBy, &m.CreatedDate, &m.UpdatedBy, &m.UpdatedDate, &m.DeletedBy, &m.DeletedDate} {
		if *p != nil {
			*p = mftStr(**p)
		}
	}
	m.OrganizationIDs = slices.Clone(m.OrganizationIDs)
	m.RoleIDs = slices.Clone(m.RoleIDs)
	return m
}

func cloneMFTMappings(ms []MFTSSOMapping) []MFTSSOMapping {
	out := make([]MFTSSOMapping, len(ms))
	for i, m := range ms {
		out[i] = m.clone()
	}
	return out
}
