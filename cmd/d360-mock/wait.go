package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// waitPoll is how often wait looks again; waitAttempt bounds one GET, so
// that a port that accepts and never answers does not eat the timeout.
const (
	waitPoll    = 100 * time.Millisecond
	waitAttempt = 2 * time.Second
)

const waitHelp = `Usage: d360-mock wait (-env-file FILE | -url URL) [-timeout 30s] [-pid PID]

Waits until a d360-mock is ready, then exits 0; exits 1 with the reason when it is
not ready within -timeout, or when the process -pid names has exited; exits 2 on a
flag it does not take.

With -env-file, ready means: FILE exists, and the mock at its D360_BASE_URL answers
GET /_mock/run as the run that wrote FILE (the run_id on its first line). So the file
of a mock that stopped never passes, even when another mock listens at its address
now. A mock still running keeps its file until it stops: remove the file before you
start a new mock with the same -env-file (the new mock removes it too, as it starts,
but wait may look first).

With -url (a mock in another container, such as a CI service), ready means: the URL
answers GET /_mock/run.

Flags:
`

// runWait is `d360-mock wait`.
func runWait(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("d360-mock wait", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprint(fl.Output(), waitHelp)
		fl.PrintDefaults()
	}
	envPath := fl.String("env-file", "", "the -env-file of the mock to wait for")
	baseURL := fl.String("url", "", "the base URL of the mock to wait for, when there is no env file to read")
	timeout := fl.Duration("timeout", 30*time.Second, "how long to wait at most")
	pid := fl.Int("pid", 0, "process id of the mock (such as $! after starting it with &): stop waiting as soon as it exits")
	if err := parseFlags(fl, args); err != nil {
		return err
	}
	switch {
	case (*envPath == "") == (*baseURL == ""):
		return usageError{errors.New("give -env-file or -url (one of them)")}
	case *timeout <= 0:
		return usageError{errors.New("-timeout must be greater than 0")}
	case *pid < 0:
		return usageError{errors.New("-pid must be a process id")}
	}
	if *baseURL != "" {
		if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return usageError{fmt.Errorf("-url %q is not an http(s) URL such as http://127.0.0.1:8360", *baseURL)}
		}
	}

	deadline, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	client := &http.Client{
		// Straight to the mock: a CI job's HTTP_PROXY must not answer for it.
		Transport: &http.Transport{Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	defer client.CloseIdleConnections()
	var why string // the reason of the last probe that the deadline did not cut short
	for {
		info, notReady := probe(deadline, client, *envPath, *baseURL)
		if notReady == "" {
			_, err := fmt.Fprintf(stdout, "d360-mock ready at %s (run %s, version %s)\n", info.BaseURL, info.RunID, info.Version)
			return err
		}
		if deadline.Err() == nil || why == "" {
			why = notReady
		}
		if *pid > 0 && processExited(*pid) {
			return fmt.Errorf("d360-mock (pid %d) exited before it was ready; its output says why", *pid)
		}
		select {
		case <-deadline.Done():
			if ctx.Err() != nil {
				return errors.New("interrupted")
			}
			return fmt.Errorf("no d360-mock ready within %s: %s", *timeout, why)
		case <-time.After(waitPoll):
		}
	}
}

// probe checks once; notReady says why the mock is not ready, "" if it is.
func probe(ctx context.Context, client *http.Client, envPath, base string) (info runInfo, notReady string) {
	var want envFile
	if envPath != "" {
		var err error
		if want, err = readEnvFile(envPath); errors.Is(err, fs.ErrNotExist) {
			return info, fmt.Sprintf("%s does not exist (is a d360-mock running with -env-file %s? If it exited, its output says why)", envPath, envPath)
		} else if err != nil {
			return info, err.Error()
		}
		base = want.baseURL
	}
	from := base
	if envPath != "" {
		from = envPath + " names " + base + ", which"
	}
	ctx, cancel := context.WithTimeout(ctx, waitAttempt)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(base, "/")+runInfoPath, nil)
	if err != nil {
		return info, fmt.Sprintf("%s is not a URL: %v", base, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return info, fmt.Sprintf("%s does not answer: %v", from, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return info, fmt.Sprintf("%s answers GET %s with HTTP %d: not a d360-mock, or one older than wait", from, runInfoPath, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&info); err != nil || info.RunID == "" {
		return info, fmt.Sprintf("%s answers GET %s with something other than a d360-mock run", from, runInfoPath)
	}
	if want.runID != "" && info.RunID != want.runID {
		return info, fmt.Sprintf("%s answers as run %s, not as run %s that wrote the file: the file is stale and another mock listens there", from, info.RunID, want.runID)
	}
	return info, ""
}
