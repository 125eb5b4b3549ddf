package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Validation must cost time linear in the configuration: `terraform
// validate` of a message with 1,000 body_parameters took 7.4 s, and with
// 10,000 a core for more than ten minutes, while a per-element
// ExactlyOneOf matched its paths against the whole configuration.

// bodyParameterSizes are the sizes the benchmarks validate; the two larger
// are refused at once (maxBodyParameters), but every element is still read.
var bodyParameterSizes = []int{100, 1000, 10000}

// BenchmarkValidateBodyParameters times ValidateResourceConfig of a
// d360_marketing_message with n body parameters, through the plugin
// protocol, as `terraform validate` calls it.
func BenchmarkValidateBodyParameters(b *testing.B) {
	server, typ := validationServer(b)
	for _, n := range bodyParameterSizes {
		config := dynamic(b, typ, messageWithBodyParameters(typ, n))
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for range b.N {
				validateBodyParameters(b, server, config, n)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/parameter")
		})
	}
}

// BenchmarkValidateBodyParametersGrowth validates each size in the same
// iteration and reports how the time grows per tenfold step: about 10 for
// linear cost, about 100 for the quadratic cost this replaced.
func BenchmarkValidateBodyParametersGrowth(b *testing.B) {
	server, typ := validationServer(b)
	configs := make([]*tfprotov6.DynamicValue, len(bodyParameterSizes))
	for i, n := range bodyParameterSizes {
		configs[i] = dynamic(b, typ, messageWithBodyParameters(typ, n))
	}
	took := make([]time.Duration, len(bodyParameterSizes))
	for range b.N {
		for i, n := range bodyParameterSizes {
			start := time.Now()
			validateBodyParameters(b, server, configs[i], n)
			took[i] += time.Since(start)
		}
	}
	for i := 1; i < len(bodyParameterSizes); i++ {
		b.ReportMetric(float64(took[i])/float64(took[i-1]),
			fmt.Sprintf("x_%d/%d", bodyParameterSizes[i], bodyParameterSizes[i-1]))
	}
}

func validationServer(b *testing.B) (tfprotov6.ProviderServer, tftypes.Object) {
	ctx := context.Background()
	server := providerserver.NewProtocol6(New("test")())()
	return server, mustSchemaType(ctx, b, server, "d360_marketing_message")
}

// validateBodyParameters validates config and fails unless the only error
// is the documented size limit, for a list longer than it.
func validateBodyParameters(b *testing.B, server tfprotov6.ProviderServer, config *tfprotov6.DynamicValue, n int) {
	resp, err := server.ValidateResourceConfig(context.Background(),
		&tfprotov6.ValidateResourceConfigRequest{TypeName: "d360_marketing_message", Config: config})
	if err != nil {
		b.Fatal(err)
	}
	var errs []string
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			errs = append(errs, d.Summary+": "+d.Detail)
		}
	}
	wantRefusal := n > maxBodyParameters
	if len(errs) > 1 || (len(errs) == 1) != wantRefusal ||
		(wantRefusal && !strings.Contains(errs[0], fmt.Sprintf("at most %d", maxBodyParameters))) {
		b.Fatalf("n=%d: want %v refusal of the size only, got %q", n, wantRefusal, errs)
	}
}

// messageWithBodyParameters is a message configuration with n text body
// parameters and every other optional argument null.
func messageWithBodyParameters(typ tftypes.Object, n int) tftypes.Value {
	cfg := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		cfg[name] = tftypes.NewValue(t, nil)
	}
	listType := typ.AttributeTypes["body_parameters"].(tftypes.List)
	elemType := listType.ElementType.(tftypes.Object)
	params := make([]tftypes.Value, n)
	for i := range params {
		attrs := map[string]tftypes.Value{}
		for name, t := range elemType.AttributeTypes {
			attrs[name] = tftypes.NewValue(t, nil)
		}
		attrs["text"] = tftypes.NewValue(tftypes.String, fmt.Sprintf("value %d", i))
		params[i] = tftypes.NewValue(elemType, attrs)
	}
	cfg["body_parameters"] = tftypes.NewValue(listType, params)
	cfg["to"] = tftypes.NewValue(tftypes.String, "4915112345678")
	cfg["template_name"] = tftypes.NewValue(tftypes.String, "spring_sale")
	cfg["language_code"] = tftypes.NewValue(tftypes.String, "en")
	return tftypes.NewValue(typ, cfg)
}
