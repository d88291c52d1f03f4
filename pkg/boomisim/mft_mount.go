package boomisim

import (
	"net/http"
	"time"
)

// mftHandler serves the simulated Boomi MFT (AFT Management API) under the /mft prefix. The server mounts it
// at /mft/ without stripping the prefix; the ops middleware (counters, rate limit, faults) wraps it like every
// other API route.
func (s *Server) mftHandler() http.Handler {
	return newMFTHandler(&s.mu, func() *MFTState {
		if s.state == nil {
			return nil
		}
		return s.state.MFT
	}, time.Now, s.opts.MFTMissingRoutes)
}
