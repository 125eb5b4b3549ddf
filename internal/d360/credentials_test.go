package d360

import (
	"errors"
	"strings"
	"testing"
)

func TestCredentialsMustBeHeaderSafe(t *testing.T) {
	bad := map[string]string{
		"newline":        "key-abc\n",
		"inner newline":  "key\nabc",
		"carriage":       "key-abc\r",
		"tab":            "key\tabc",
		"leading space":  " key-abc",
		"trailing space": "key-abc ",
		"nul":            "key\x00abc",
		"non-printable":  "key\u200babc",
	}
	for name, key := range bad {
		t.Run(name, func(t *testing.T) {
			for _, graph := range []bool{false, true} {
				cfg := Config{APIKey: key, GraphToken: "graph-ok"}
				want := "api key"
				if graph {
					cfg = Config{APIKey: "key-ok", GraphToken: key}
					want = "graph token"
				}
				_, err := New(cfg)
				var credErr *CredentialError
				if !errors.As(err, &credErr) || credErr.Credential != want {
					t.Fatalf("New with a %s in the %s: want a *CredentialError, got %v", name, want, err)
				}
				if strings.Contains(err.Error(), strings.TrimSpace(key)) {
					t.Fatalf("the error %q prints the credential", err)
				}
				for _, word := range terraformWords {
					if strings.Contains(err.Error(), word) {
						t.Fatalf("the client's error %q speaks Terraform (%q); the provider words that", err, word)
					}
				}
			}
		})
	}
	if _, err := New(Config{APIKey: "aB3-_.~+/=xyz", GraphToken: ""}); err != nil {
		t.Fatalf("a plain key was refused: %v", err)
	}
}
