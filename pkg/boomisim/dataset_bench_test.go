package boomisim

import "testing"

// BenchmarkGenerate10k measures building the largest world a single account may hold (Boomi caps an
// account at 10,000 users).
func BenchmarkGenerate10k(b *testing.B) {
	for b.Loop() {
		Generate(DefaultSpec(10000, 7))
	}
}
