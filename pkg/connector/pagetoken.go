package connector

import (
	"slices"

	"github.com/conductorone/baton-sdk/pkg/pagination"
	rs "github.com/conductorone/baton-sdk/pkg/types/resource"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The one page-token dialect of the connector: the SDK's pagination.Bag. A walk is a stack of phases, one
// per Boomi object (or MFT list) it reads, pushed in reverse order so that the current state is the phase
// being read: ResourceTypeID names the phase, ResourceID a position within it where one is needed (the
// sub-account of a tree walk), and Token is Boomi's queryToken within it (for AccountUserRole, the chain
// token of userRolePage; for the MFT grants, the offset in the user list). One SDK call reads one page;
// when a phase ends the bag pops to the next, and the empty bag ("") ends the walk.

// errPageToken is the answer to every page token this connector cannot read: not JSON, not a bag, or a bag
// naming a phase or position the walk does not have (issued by another walk or another connector version).
func errPageToken(raw string) error {
	return status.Errorf(codes.InvalidArgument, "the page token %q was not issued by this connector; restart the sync", raw)
}

// walk is the decoded page token of one SDK call.
type walk struct {
	raw string
	bag pagination.Bag
}

// startWalk reads the SDK page token of a walk through phases; "" starts the walk at the first one. A
// token with no current state, or with any state outside phases, is refused with errPageToken.
func startWalk(raw string, phases ...string) (*walk, error) {
	w := &walk{raw: raw}
	if raw == "" {
		for _, p := range slices.Backward(phases) {
			w.bag.Push(pagination.PageState{ResourceTypeID: p})
		}
		return w, nil
	}
	if err := w.bag.Unmarshal(raw); err != nil || w.bag.Current() == nil {
		return nil, errPageToken(raw)
	}
	// Every state of the stack, current first, must be a phase of this walk.
	var probe pagination.Bag
	_ = probe.Unmarshal(raw)
	for s := probe.Pop(); s != nil; s = probe.Pop() {
		if !slices.Contains(phases, s.ResourceTypeID) {
			return nil, errPageToken(raw)
		}
	}
	return w, nil
}

// phase is the phase this call reads.
func (w *walk) phase() string { return w.bag.ResourceTypeID() }

// token is the position within the phase (Boomi's queryToken; "" is its first page).
func (w *walk) token() string { return w.bag.PageToken() }

// resource is the position's resource within the phase ("" when the phase has none).
func (w *walk) resource() string { return w.bag.ResourceID() }

// refuse is errPageToken for this call's token (a position the phase cannot read).
func (w *walk) refuse() error { return errPageToken(w.raw) }

// pageID names this call's page, for idempotent "first seen on page X" bookkeeping (firstSeenOn): the same
// token always names the same page.
func (w *walk) pageID() string {
	return w.phase() + "|" + w.resource() + "|" + tokenDigest(w.token())
}

// next returns the results of this page, whose Boomi next token is boomiNext: the same phase at
// boomiNext, else the first page of the next phase, or the end of the walk after the last one.
func (w *walk) next(boomiNext string) *rs.SyncOpResults {
	_ = w.bag.Next(boomiNext) // the bag has a current state: startWalk made sure
	return w.results()
}

// moveTo returns the results of this page when the phase goes on at another position: resource's page
// token.
func (w *walk) moveTo(resource, token string) *rs.SyncOpResults {
	phase := w.bag.Pop()
	w.bag.Push(pagination.PageState{ResourceTypeID: phase.ResourceTypeID, ResourceID: resource, Token: token})
	return w.results()
}

// results carries the bag as the next page token; nil when the walk is over (the SDK reads nil as the end).
func (w *walk) results() *rs.SyncOpResults {
	next, _ := w.bag.Marshal() // strings only: cannot fail
	if next == "" {
		return nil
	}
	return &rs.SyncOpResults{NextPageToken: next}
}
