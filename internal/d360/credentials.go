package d360

import (
	"fmt"
	"strings"
	"unicode"
)

// Names of the credentials, as CredentialError reports them.
const (
	CredentialAPIKey     = "api key"
	CredentialGraphToken = "graph token"
)

// CredentialError reports a key or token that cannot be sent as it is. Its
// text never contains the credential.
type CredentialError struct {
	Credential string // CredentialAPIKey or CredentialGraphToken
	Problem    string // what is wrong, e.g. "contains a newline (at position 12)"
}

func (e *CredentialError) Error() string {
	return fmt.Sprintf("the %s %s. Keys and tokens are single-line printable text; "+
		"a value read from a file often ends with a newline: strip it", e.Credential, e.Problem)
}

// checkCredential refuses a value that is not a valid header value, or that
// carries invisible padding. Go's HTTP client would refuse to send such a
// header only at request time, as a failure to connect, which the client
// retries: refusing it here turns many retries into one clear error.
func checkCredential(name, v string) error {
	if v == "" {
		return nil
	}
	if strings.TrimSpace(v) != v {
		return &CredentialError{Credential: name, Problem: "starts or ends with white space (a space, tab or newline)"}
	}
	for i, r := range v {
		var what string
		switch {
		case r == '\n' || r == '\r':
			what = "a newline"
		case unicode.IsControl(r):
			what = fmt.Sprintf("a control character (U+%04X)", r)
		case r > unicode.MaxASCII || !unicode.IsPrint(r):
			what = fmt.Sprintf("a non-printable or non-ASCII character (U+%04X)", r)
		default:
			continue
		}
		return &CredentialError{Credential: name, Problem: fmt.Sprintf("contains %s at byte %d", what, i)}
	}
	return nil
}
