package provider

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// The wrapper must hide none of the RPC sets the framework serves: the
// plugin server finds list resources and actions by type assertion.
func TestProtocol6ServerKeepsEveryRPCSet(t *testing.T) {
	s := NewProtocol6Server("test")()
	if _, ok := s.(readNumbersAsText); !ok {
		t.Fatalf("the framework's server no longer has every RPC set of frameworkServer, so ReadResource is not wrapped: %T", s)
	}
	if _, ok := s.(tfprotov6.ListResourceServer); !ok {
		t.Error("list resources are hidden")
	}
	if _, ok := s.(tfprotov6.ActionServer); !ok {
		t.Error("actions are hidden")
	}
}

// numbersTestType has a number in every position a state can hold one.
var numbersTestType = tftypes.Object{AttributeTypes: map[string]tftypes.Type{
	"count":   tftypes.Number,
	"ratio":   tftypes.Number,
	"big":     tftypes.Number,
	"name":    tftypes.String,
	"flag":    tftypes.Bool,
	"absent":  tftypes.Number,
	"pending": tftypes.Number,
	"items":   tftypes.List{ElementType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{"index": tftypes.Number, "text": tftypes.String}}},
	"by_name": tftypes.Map{ElementType: tftypes.Number},
}}

func numbersTestValue() tftypes.Value {
	item := numbersTestType.AttributeTypes["items"].(tftypes.List).ElementType
	huge, _, _ := big.ParseFloat("123456789012345678901234567890", 10, 512, big.ToNearestEven)
	return tftypes.NewValue(numbersTestType, map[string]tftypes.Value{
		"count":   tftypes.NewValue(tftypes.Number, 86400),
		"ratio":   tftypes.NewValue(tftypes.Number, 0.1),
		"big":     tftypes.NewValue(tftypes.Number, huge),
		"name":    tftypes.NewValue(tftypes.String, "12"),
		"flag":    tftypes.NewValue(tftypes.Bool, true),
		"absent":  tftypes.NewValue(tftypes.Number, nil),
		"pending": tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
		"items": tftypes.NewValue(numbersTestType.AttributeTypes["items"], []tftypes.Value{
			tftypes.NewValue(item, map[string]tftypes.Value{"index": tftypes.NewValue(tftypes.Number, 0), "text": tftypes.NewValue(tftypes.String, "a")}),
			tftypes.NewValue(item, map[string]tftypes.Value{"index": tftypes.NewValue(tftypes.Number, -7), "text": tftypes.NewValue(tftypes.String, "b")}),
		}),
		"by_name": tftypes.NewValue(numbersTestType.AttributeTypes["by_name"], map[string]tftypes.Value{
			"a": tftypes.NewValue(tftypes.Number, 1900000000000),
		}),
	})
}

// Every number reads back as the same value, and is sent as text; strings
// that look like numbers, nulls and unknowns are untouched. A float reads
// back as its shortest decimal text, as Terraform's state file holds it:
// 0.1 is then the decimal 0.1, not float64's nearest binary fraction.
func TestNumbersAsTextKeepsTheValue(t *testing.T) {
	dv, err := tfprotov6.NewDynamicValue(numbersTestType, numbersTestValue())
	if err != nil {
		t.Fatal(err)
	}
	text, err := numbersAsText(dv.MsgPack)
	if err != nil {
		t.Fatal(err)
	}
	got, err := (&tfprotov6.DynamicValue{MsgPack: text}).Unmarshal(numbersTestType)
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]tftypes.Value{}
	if err := numbersTestValue().As(&attrs); err != nil {
		t.Fatal(err)
	}
	tenth, _, _ := big.ParseFloat("0.1", 10, 512, big.ToNearestEven)
	attrs["ratio"] = tftypes.NewValue(tftypes.Number, tenth)
	want := tftypes.NewValue(numbersTestType, attrs)
	if !got.Equal(want) {
		t.Fatalf("the value changed:\n got %v\nwant %v", got, want)
	}
	// The generic decoder knows no cty extension, so this look at the
	// wire form leaves the unknown value out.
	attrs["pending"] = tftypes.NewValue(tftypes.Number, nil)
	known, err := tfprotov6.NewDynamicValue(numbersTestType, tftypes.NewValue(numbersTestType, attrs))
	if err != nil {
		t.Fatal(err)
	}
	knownText, err := numbersAsText(known.MsgPack)
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := msgpack.Unmarshal(knownText, &decoded); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"count": "86400", "ratio": "0.1", "big": "123456789012345678901234567890", "name": "12"} {
		if decoded[name] != want {
			t.Errorf("%s: sent as %#v, want the text %q", name, decoded[name], want)
		}
	}
	index := decoded["items"].([]any)[1].(map[string]any)["index"]
	if index != "-7" {
		t.Errorf("a number in a list element was sent as %#v, want \"-7\"", index)
	}
}

func TestNumbersAsTextRefusesWhatIsNotOneValue(t *testing.T) {
	for name, in := range map[string][]byte{
		"empty":         {},
		"truncated map": {0x82, 0xa1, 'a'},
		"trailing data": {0x01, 0x02},
		"too deep":      bytes.Repeat([]byte{0x91}, maxNesting+2),
	} {
		if out, err := numbersAsText(in); err == nil {
			t.Errorf("%s: want an error, got %x", name, out)
		}
	}
}

// FuzzNumbersAsText: any input either fails or becomes a value with no
// MessagePack number left but non-finite floats, which a second pass
// leaves as it is.
func FuzzNumbersAsText(f *testing.F) {
	dv, err := tfprotov6.NewDynamicValue(numbersTestType, numbersTestValue())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(dv.MsgPack)
	f.Add([]byte{0xcb, 0x7f, 0xf0, 0, 0, 0, 0, 0, 0}) // +Inf
	f.Add([]byte{0xd4, 0x00, 0x00})                   // cty's unknown value
	f.Add([]byte{0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := numbersAsText(in)
		if err != nil {
			return
		}
		again, err := numbersAsText(out)
		if err != nil {
			t.Fatalf("%x became %x, which does not read back: %v", in, out, err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("a second pass changed %x into %x", out, again)
		}
	})
}
