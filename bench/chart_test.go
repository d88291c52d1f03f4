package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNiceCeilRoundsUpToShortTicks(t *testing.T) {
	for in, want := range map[float64]float64{0: 1, 0.9: 1, 31.7: 40, 231: 250, 10000: 10000, 10001: 15000} {
		if got := niceCeil(in); got != want {
			t.Errorf("niceCeil(%v) = %v, want %v", in, got, want)
		}
	}
}

// The chart has one point per size (median wall over repeats), skips other rows, and draws every series.
func TestChartDrawsEverySizeAndSeries(t *testing.T) {
	rs := []*result{
		{Users: 1000, Wall: 4 * time.Second, TMin: 3 * time.Second, Requests: 32, RMin: 30},
		{Users: 1000, Wall: 6 * time.Second, TMin: 3 * time.Second, Requests: 32, RMin: 30},
		{Users: 1000, Wall: 5 * time.Second, TMin: 3 * time.Second, Requests: 32, RMin: 30},
		{Users: 2500, Wall: 8 * time.Second, TMin: 6 * time.Second, Requests: 64, RMin: 61},
		{Users: 2500, Processes: 2, Wall: time.Minute},
	}
	points := chartPoints(rs)
	if len(points) != 2 || points[0].wall != 5 || points[1].users != 2500 {
		t.Fatalf("points = %+v", points)
	}
	path := filepath.Join(t.TempDir(), "c.svg")
	if err := writeChart(path, points); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	svg := string(raw)
	for _, label := range []string{"measured wall", "T_min", "1.15", "measured requests", "R_min"} {
		if !strings.Contains(svg, label) {
			t.Errorf("chart lacks %q", label)
		}
	}
	if n := strings.Count(svg, "<polyline"); n != 5 {
		t.Errorf("%d lines, want 5", n)
	}
	if err := writeChart(path, points[:1]); err == nil {
		t.Error("a one-size chart was drawn")
	}
}
