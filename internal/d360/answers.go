package d360

import "fmt"

// UnusableAnswerError is a 2xx answer whose body is empty or lacks what
// the endpoint always sends. It is never read as "nothing there": an empty
// template list is not a deleted template, an empty health is not a healthy
// number. A proxy, a truncated body or an outage can produce one.
type UnusableAnswerError struct {
	Method, Path string
	Problem      string // what is missing, e.g. "no waba_templates array"
}

func (e *UnusableAnswerError) Error() string {
	return fmt.Sprintf("%s %s: the answer is empty or malformed (%s), so it was not used. "+
		"Nothing was changed; try again, and if it persists check for a proxy in between or ask 360dialog support", e.Method, e.Path, e.Problem)
}
