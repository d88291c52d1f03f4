// Package e2e holds the end-to-end tests of baton-boomi: they build the real binary, run it against the
// in-memory Boomi (pkg/boomisim) on a loopback listener, read the .c1z back with the SDK's store and judge
// every run by the simulator's state. Everything lives in _test.go files; this file only names the package.
package e2e
