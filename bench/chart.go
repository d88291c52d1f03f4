package main

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// The growth chart: wall time and requests against dataset size, with the floors drawn in. It is plain SVG
// written here (two line panels need no plotting library, and the connector's module stays free of one):
// measured points as dots joined by a line, the floor as a dashed line, the target (1.15 × T_min) dotted.

// chartPoint is one dataset size's medians.
type chartPoint struct {
	users              int
	wall, tMin         float64 // seconds
	requests, rMin     float64
	parentMiB, childMB float64
}

// chartPoints takes the user-size rows (no tree, no MFT, one process) and returns one point per size,
// with the median wall over repeats.
func chartPoints(results []*result) []chartPoint {
	bySize := map[int][]*result{}
	for _, r := range results {
		if r.RateScope != "" || r.MFTUsers > 0 || r.Processes > 1 {
			continue
		}
		bySize[r.Users] = append(bySize[r.Users], r)
	}
	var out []chartPoint
	for users, rs := range bySize {
		walls := make([]float64, len(rs))
		for i, r := range rs {
			walls[i] = r.Wall.Seconds()
		}
		sort.Float64s(walls)
		r := rs[0]
		out = append(out, chartPoint{
			users: users, wall: walls[len(walls)/2], tMin: r.TMin.Seconds(),
			requests: float64(r.Requests), rMin: float64(r.RMin),
			parentMiB: float64(r.ParentKB) / 1024, childMB: float64(r.ChildKB) / 1024,
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].users < out[j].users })
	return out
}

// writeChart writes the SVG to path; it needs at least two sizes.
func writeChart(path string, points []chartPoint) error {
	if len(points) < 2 {
		return fmt.Errorf("the chart needs at least two dataset sizes, got %d", len(points))
	}
	const w, h = 960, 380
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", w, h)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", w, h)
	users := func(p chartPoint) float64 { return float64(p.users) }
	panel(&b, 0, "Wall time of a full sync (s)", points, users, []series{
		{"measured wall", "#1f77b4", "", func(p chartPoint) float64 { return p.wall }},
		{"T_min = R_min / 10 per s", "#d62728", "6,4", func(p chartPoint) float64 { return p.tMin }},
		{"target 1.15 × T_min", "#2ca02c", "2,3", func(p chartPoint) float64 { return 1.15 * p.tMin }},
	})
	panel(&b, w/2, "Requests of a full sync", points, users, []series{
		{"measured requests", "#1f77b4", "", func(p chartPoint) float64 { return p.requests }},
		{"R_min (each object read once)", "#d62728", "6,4", func(p chartPoint) float64 { return p.rMin }},
	})
	b.WriteString("</svg>\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

type series struct {
	label, color, dash string
	y                  func(chartPoint) float64
}

// panel draws one 480 × 380 chart at x offset left.
func panel(b *strings.Builder, left int, title string, points []chartPoint, x func(chartPoint) float64, all []series) {
	const pw, ph, ml, mr, mt, mb = 480, 380, 60, 20, 40, 110
	maxX, maxY := 0.0, 0.0
	for _, p := range points {
		maxX = math.Max(maxX, x(p))
		for _, s := range all {
			maxY = math.Max(maxY, s.y(p))
		}
	}
	maxX, maxY = niceCeil(maxX), niceCeil(maxY*1.05)
	px := func(v float64) float64 { return float64(left+ml) + v/maxX*float64(pw-ml-mr) }
	py := func(v float64) float64 { return float64(ph-mb) - v/maxY*float64(ph-mt-mb) }
	fmt.Fprintf(b, `<text x="%d" y="22" font-size="14" font-weight="bold">%s</text>`+"\n", left+ml, title)
	// Axes with five ticks each.
	fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>`+"\n", px(0), py(0), px(maxX), py(0))
	fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="black"/>`+"\n", px(0), py(0), px(0), py(maxY))
	for i := 0; i <= 5; i++ {
		vx, vy := maxX*float64(i)/5, maxY*float64(i)/5
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">%g</text>`+"\n", px(vx), py(0)+16, vx)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", px(0), py(vy), px(maxX), py(vy))
		fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="end">%g</text>`+"\n", px(0)-6, py(vy)+4, vy)
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle">users in the primary account</text>`+"\n", px(maxX/2), py(0)+34)
	for i, s := range all {
		var pts []string
		for _, p := range points {
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", px(x(p)), py(s.y(p))))
		}
		dash := ""
		if s.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, s.dash)
		}
		fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), s.color, dash)
		if s.dash == "" {
			for _, p := range points {
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"/>`+"\n", px(x(p)), py(s.y(p)), s.color)
			}
		}
		ly := ph - mb + 52 + i*18
		fmt.Fprintf(b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", left+ml, ly-4, left+ml+30, ly-4, s.color, dash)
		fmt.Fprintf(b, `<text x="%d" y="%d">%s</text>`+"\n", left+ml+38, ly, s.label)
	}
}

// niceCeil rounds v up to a round number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten), so that the
// five ticks have short labels and the data fills most of the panel.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	exp := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if v <= m*exp {
			return m * exp
		}
	}
	return 10 * exp
}
