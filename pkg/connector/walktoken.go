package connector

import (
	"context"
	"encoding/json"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// walkToken is the SDK page token of a multi-phase walk: which Boomi object (phase) is being read, and
// Boomi's queryToken within it. One SDK call reads one Boomi page; "" ends the walk.
type walkToken struct {
	Phase string `json:"p"`
	Token string `json:"t,omitempty"`
}

func parseWalkToken(raw string) (walkToken, error) {
	var w walkToken
	if raw == "" {
		return w, nil
	}
	if err := json.Unmarshal([]byte(raw), &w); err != nil {
		return w, fmt.Errorf("the page token %q was not issued by this connector; restart the sync", raw)
	}
	return w, nil
}

// startWalk reads the SDK page token of a List walk; the empty token starts the walk at phase first.
func startWalk(raw, first string) (walkToken, error) {
	w, err := parseWalkToken(raw)
	if err != nil {
		return w, status.Error(codes.InvalidArgument, err.Error())
	}
	if w.Phase == "" {
		w.Phase = first
	}
	return w, nil
}

// errUnknownPhase answers a token whose phase the walk does not have (issued by another connector version).
func errUnknownPhase(w walkToken) error {
	return status.Errorf(codes.InvalidArgument, "the page token names the unknown phase %q; restart the sync", w.Phase)
}

func (w walkToken) encode() string {
	out, _ := json.Marshal(w) // two strings: cannot fail
	return string(out)
}

// pageID names one page of one phase, for idempotent "first seen on page X" bookkeeping.
func (w walkToken) pageID() string {
	return w.Phase + "|" + tokenDigest(w.Token)
}

// firstSeenOn reports, for each id, whether this page is where the walk first met it (claiming it for the
// page when nobody has). A page the SDK asks for again gets the same answer.
func firstSeenOn(ctx context.Context, st syncCache, walk, pageID string, ids []string) (map[string]bool, error) {
	keys := make([]string, 0, len(ids))
	for _, id := range ids {
		if id != "" {
			keys = append(keys, walk+"|"+id)
		}
	}
	seen, err := getMany[string](ctx, st, prefixFirstSeen, keys)
	if err != nil {
		return nil, fmt.Errorf("reading what this sync already emitted: %w", err)
	}
	out := map[string]bool{}
	claim := map[string]string{}
	for _, id := range ids {
		if id == "" {
			continue
		}
		switch on, ok := seen[walk+"|"+id]; {
		case !ok:
			claim[walk+"|"+id] = pageID
			out[id] = true
		case on == pageID:
			out[id] = true
		}
	}
	if err := setMany(ctx, st, prefixFirstSeen, claim); err != nil {
		return nil, fmt.Errorf("recording what this sync emitted: %w", err)
	}
	return out, nil
}

// advance returns the SDK token after a page of phase w.Phase whose Boomi next token is next: the same
// phase with next, the first page of the following phase, or "" after the last phase.
func (w walkToken) advance(next string, phases []string) string {
	if next != "" {
		return walkToken{Phase: w.Phase, Token: next}.encode()
	}
	for i, p := range phases {
		if p == w.Phase && i+1 < len(phases) {
			return walkToken{Phase: phases[i+1]}.encode()
		}
	}
	return ""
}
