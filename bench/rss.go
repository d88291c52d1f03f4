package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// memoryWatch samples the peak resident set (VmHWM) of a process and every descendant it starts: the
// baton-boomi parent and its `_connector-service` child, which does the actual API calls. VmHWM only
// grows, so sampling it every interval loses at most the growth of a process's last interval.
type memoryWatch struct {
	root     int
	interval time.Duration
	stop     chan struct{}
	done     chan struct{}

	mu   sync.Mutex
	peak map[int]procPeak
}

// procPeak is the highest VmHWM seen for one process, with its command line's last word (the subcommand).
type procPeak struct {
	KB   int64
	Role string
}

func watchMemory(pid int, interval time.Duration) *memoryWatch {
	w := &memoryWatch{root: pid, interval: interval, stop: make(chan struct{}), done: make(chan struct{}), peak: map[int]procPeak{}}
	go w.loop()
	return w
}

func (w *memoryWatch) loop() {
	defer close(w.done)
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		w.sample()
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
	}
}

func (w *memoryWatch) sample() {
	for _, pid := range descendantsAndSelf(w.root) {
		kb, ok := vmHWM(pid)
		if !ok {
			continue
		}
		w.mu.Lock()
		p := w.peak[pid]
		if p.Role == "" {
			p.Role = processRole(pid)
		}
		if kb > p.KB {
			p.KB = kb
		}
		w.peak[pid] = p
		w.mu.Unlock()
	}
}

// finish stops sampling and returns the peaks: the root process, the largest descendant, and their sum.
func (w *memoryWatch) finish() (int64, int64, int64) {
	var parentKB, childKB, sumKB int64
	close(w.stop)
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	for pid, p := range w.peak {
		sumKB += p.KB
		if pid == w.root {
			parentKB = p.KB
		} else if p.KB > childKB {
			childKB = p.KB
		}
	}
	return parentKB, childKB, sumKB
}

// descendantsAndSelf lists pid and every live process below it, via /proc/<pid>/task/<tid>/children.
func descendantsAndSelf(pid int) []int {
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		tasks, _ := filepath.Glob("/proc/" + strconv.Itoa(out[i]) + "/task/*/children")
		for _, f := range tasks {
			raw, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			for _, field := range strings.Fields(string(raw)) {
				if child, err := strconv.Atoi(field); err == nil {
					out = append(out, child)
				}
			}
		}
	}
	return out
}

// vmHWM reads the peak resident set size of pid in kB.
func vmHWM(pid int) (int64, bool) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

func processRole(pid int) string {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/cmdline")
	if err != nil {
		return "?"
	}
	args := bytes.Split(bytes.TrimRight(raw, "\x00"), []byte{0})
	return string(args[len(args)-1])
}
