package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The env file (-env-file) is the handshake between a mock started in the
// background and the script that uses it. Its contract:
//   - it is removed when the mock starts, before anything can fail, so a
//     file left by an earlier run is never mistaken for this one's;
//   - it appears, whole (written to a temporary file and renamed), only
//     once the mock listens;
//   - it is removed when the mock stops, if it is still the one the mock
//     wrote. A mock killed with SIGKILL cannot do that, which is why
//     `d360-mock wait` also asks the URL in the file who answers there;
//   - its first line is a comment naming the run (envFileHeader); the rest
//     are the export lines the mock prints, for `. ./mock.env`.

// envFileHeader is the env file's first line. A shell reading the file
// ignores it; `d360-mock wait` compares its run_id with the answer of
// GET /_mock/run.
func envFileHeader(runID string, pid int) string {
	return fmt.Sprintf("# d360-mock run_id=%s pid=%d version=%s\n", runID, pid, version)
}

func exportLines(base, apiKey, graphToken string) string {
	return fmt.Sprintf("export D360_BASE_URL=%s\nexport D360_API_KEY=%s\nexport D360_GRAPH_API_URL=%s\nexport D360_GRAPH_API_TOKEN=%s\n",
		shellQuote(base), shellQuote(apiKey), shellQuote(base+"/v24.0"), shellQuote(graphToken))
}

// shellQuote single-quotes a value unless it is plainly safe for sh.
func shellQuote(v string) string {
	if v != "" && strings.Trim(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/@%+=,") == "" {
		return v
	}
	return "'" + strings.ReplaceAll(v, "'", `'\''`) + "'"
}

// shellUnquote reverses shellQuote.
func shellUnquote(v string) string {
	if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
		return strings.ReplaceAll(v[1:len(v)-1], `'\''`, "'")
	}
	return v
}

// writeFileAtomic renames into place, so a script polling for the file
// never reads it half written. The file is private (0600): it holds the
// key, even if only the mock's.
func writeFileAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".d360-mock-env-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(content); err != nil {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Remove(tmp.Name())
		return err
	}
	return nil
}

// removeEnvFile removes an earlier run's env file; none is fine.
func removeEnvFile(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("-env-file %s: cannot remove the file of an earlier run: %w", path, err)
	}
	return nil
}

// removeEnvFileIf removes path if it still holds content. It is best
// effort: the mock is stopping, and a file left behind fails `wait`'s check.
func removeEnvFileIf(path, content string) {
	if got, err := os.ReadFile(path); err == nil && string(got) == content {
		_ = os.Remove(path)
	}
}

// envFile is what `d360-mock wait` reads from an env file.
type envFile struct {
	runID   string // "" in a file written before run ids
	baseURL string
}

// readEnvFile parses an env file written by writeFileAtomic.
func readEnvFile(path string) (envFile, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return envFile{}, err
	}
	var f envFile
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "# d360-mock "); ok {
			for _, field := range strings.Fields(rest) {
				if id, ok := strings.CutPrefix(field, "run_id="); ok {
					f.runID = id
				}
			}
		}
		if v, ok := strings.CutPrefix(line, "export D360_BASE_URL="); ok {
			f.baseURL = shellUnquote(v)
		}
	}
	if f.baseURL == "" {
		return envFile{}, fmt.Errorf("%s has no D360_BASE_URL line: it was not written by d360-mock -env-file", path)
	}
	return f, nil
}
