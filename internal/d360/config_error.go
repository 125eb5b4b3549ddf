package d360

import "fmt"

// ConfigField names the Config field a ConfigError is about, so that a
// caller can point at its own setting for it.
type ConfigField int

// The fields New checks, besides the credentials (CredentialError).
const (
	FieldBaseURL ConfigField = iota
	FieldGraphURL
	FieldMaxRetryDuration
	FieldMaxMessagesPerSecond
)

var configFieldNames = [...]string{"base URL", "graph API URL", "max retry duration", "max messages per second"}

func (f ConfigField) String() string {
	if int(f) < len(configFieldNames) {
		return configFieldNames[f]
	}
	return fmt.Sprintf("ConfigField(%d)", int(f))
}

// ConfigError is a Config that New refuses, with the field at fault.
type ConfigError struct {
	Field ConfigField
	Err   error
}

func (e *ConfigError) Error() string { return e.Field.String() + ": " + e.Err.Error() }
func (e *ConfigError) Unwrap() error { return e.Err }
