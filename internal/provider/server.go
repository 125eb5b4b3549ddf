package provider

import (
	"bytes"
	"context"
	"math"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// NewProtocol6Server is the provider as a plugin protocol 6 server: the
// framework's, with ReadResource's numbers sent as decimal text.
//
// Why: Terraform 1.11 (1.11.4 seen; the releases that cache decoded values
// in states.ResourceInstanceObjectSrc and still compare states with
// reflect.DeepEqual in internal/states/state_equal.go) compares the state
// before and after a refresh as decoded values. The state
// read from the file decodes a number from its JSON text at 512 bits of
// precision; the same number read back from the provider as a MessagePack
// integer decodes at 64. The values are equal and print the same, but
// DeepEqual says they differ, so `terraform plan -refresh-only
// -detailed-exitcode` exits 2 after every apply of a resource with a
// number, while showing no change: a CI drift check that never passes.
// A number sent as text is decoded by the same parser as the file's JSON
// (cty.ParseNumberVal), so both sides are identical. Terraform 1.5, 1.16
// and OpenTofu compare encoded bytes and are unaffected; text is a valid
// encoding of a number for all of them.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		s := providerserver.NewProtocol6(New(version)())()
		if full, ok := s.(frameworkServer); ok {
			return readNumbersAsText{full}
		}
		return s
	}
}

// frameworkServer is every RPC set the framework's server implements, so
// that the wrapper hides none of them (tf6server finds list resources,
// actions and state stores by type assertion).
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

type readNumbersAsText struct{ frameworkServer }

func (s readNumbersAsText) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.frameworkServer.ReadResource(ctx, req)
	if err != nil || resp == nil || resp.NewState == nil || len(resp.NewState.MsgPack) == 0 {
		return resp, err
	}
	if text, err := numbersAsText(resp.NewState.MsgPack); err == nil {
		resp.NewState.MsgPack = text
	}
	// On an error the state goes as the framework encoded it: correct,
	// only subject to the drift report above.
	return resp, nil
}

// numbersAsText re-encodes a MessagePack value with every integer and
// finite float replaced by its decimal text. In cty's encoding of a state
// only numbers are MessagePack numbers; extensions (unknown values and
// their refinements) are copied whole.
func numbersAsText(in []byte) ([]byte, error) {
	dec := msgpack.NewDecoder(bytes.NewReader(in))
	var out bytes.Buffer
	enc := msgpack.NewEncoder(&out)
	if err := copyNumbersAsText(dec, enc, 0); err != nil {
		return nil, err
	}
	if _, err := dec.PeekCode(); err == nil {
		return nil, errTrailingData
	}
	return out.Bytes(), nil
}

type encodingError string

func (e encodingError) Error() string { return string(e) }

const (
	errTrailingData = encodingError("trailing data after the value")
	errTooDeep      = encodingError("value nested too deeply")
)

// maxNesting bounds recursion on hostile input; a state is far shallower.
const maxNesting = 512

func copyNumbersAsText(dec *msgpack.Decoder, enc *msgpack.Encoder, depth int) error {
	if depth > maxNesting {
		return errTooDeep
	}
	c, err := dec.PeekCode()
	if err != nil {
		return err
	}
	switch {
	case msgpcode.IsFixedNum(c) || c == msgpcode.Int8 || c == msgpcode.Int16 || c == msgpcode.Int32 || c == msgpcode.Int64:
		v, err := dec.DecodeInt64()
		if err != nil {
			return err
		}
		return enc.EncodeString(strconv.FormatInt(v, 10))
	case c == msgpcode.Uint8 || c == msgpcode.Uint16 || c == msgpcode.Uint32 || c == msgpcode.Uint64:
		v, err := dec.DecodeUint64()
		if err != nil {
			return err
		}
		return enc.EncodeString(strconv.FormatUint(v, 10))
	case c == msgpcode.Float || c == msgpcode.Double:
		v, err := dec.DecodeFloat64()
		if err != nil {
			return err
		}
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return enc.EncodeFloat64(v)
		}
		// The shortest text that reads back as v: what Terraform writes
		// to the state file for it (big.Float.Text('f', -1) at 53 bits).
		return enc.EncodeString(strconv.FormatFloat(v, 'f', -1, 64))
	case msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32:
		n, err := dec.DecodeArrayLen()
		if err != nil {
			return err
		}
		if err := enc.EncodeArrayLen(n); err != nil {
			return err
		}
		return copyN(dec, enc, n, depth)
	case msgpcode.IsFixedMap(c) || c == msgpcode.Map16 || c == msgpcode.Map32:
		n, err := dec.DecodeMapLen()
		if err != nil {
			return err
		}
		if err := enc.EncodeMapLen(n); err != nil {
			return err
		}
		return copyN(dec, enc, 2*n, depth)
	default:
		raw, err := dec.DecodeRaw()
		if err != nil {
			return err
		}
		return enc.Encode(raw)
	}
}

func copyN(dec *msgpack.Decoder, enc *msgpack.Encoder, n, depth int) error {
	for range n {
		if err := copyNumbersAsText(dec, enc, depth+1); err != nil {
			return err
		}
	}
	return nil
}
