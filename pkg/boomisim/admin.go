package boomisim

import (
	"encoding/json"
	"io"
	"net/http"
)

// The admin path /__admin/... lets tests, benchmarks and the demo inspect and steer the simulator over
// HTTP. It is never rate-limited, faulted or counted (the middleware lets it through) and needs no
// credentials: the simulator only ever listens on loopback. It talks to the middleware directly so it does
// not depend on the exported wrappers (Server.Counters, Server.Faults, ...).

func (s *Server) adminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /__admin/health", func(w http.ResponseWriter, _ *http.Request) {
		writeAdminJSON(w, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /__admin/state", func(w http.ResponseWriter, _ *http.Request) {
		writeAdminJSON(w, s.Snapshot())
	})
	mux.HandleFunc("GET /__admin/counters", func(w http.ResponseWriter, _ *http.Request) {
		writeAdminJSON(w, s.mw.counters.snapshot())
	})
	mux.HandleFunc("POST /__admin/counters/reset", func(w http.ResponseWriter, _ *http.Request) {
		s.mw.counters.reset()
		writeAdminJSON(w, s.mw.counters.snapshot())
	})
	mux.HandleFunc("GET /__admin/faults", func(w http.ResponseWriter, _ *http.Request) {
		writeAdminJSON(w, s.mw.faults.get())
	})
	mux.HandleFunc("PUT /__admin/faults", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
		if err != nil {
			writeAPIError(w, errorf(statusBadRequest, "The request body could not be read: %v.", err))
			return
		}
		var f Faults
		if err := json.Unmarshal(body, &f); err != nil {
			writeAPIError(w, errorf(statusBadRequest, "The faults body is not valid Faults JSON: %v.", err))
			return
		}
		if err := f.Validate(); err != nil {
			writeAPIError(w, errorf(statusBadRequest, "%v", err))
			return
		}
		s.mw.faults.set(f)
		writeAdminJSON(w, s.mw.faults.get())
	})
	mux.HandleFunc("/__admin/", func(w http.ResponseWriter, r *http.Request) {
		writeAPIError(w, errorf(statusNoEndpoint, "Unknown admin endpoint %s %s; available: GET health, GET state, GET counters, POST counters/reset, GET|PUT faults.", r.Method, r.URL.Path))
	})
	return mux
}

func writeAdminJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
