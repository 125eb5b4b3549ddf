package provider

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/d360-tf/terraform-provider-d360/internal/d360"
)

// A plan against a loopback port where nothing listens (d360-mock not
// started) fails within seconds, names the URL and where it came from,
// asks whether d360-mock is running, and does not suggest turning the
// template check off, which would not help. It used to retry for 35 to 55 s.
func TestAccProvider_mockNotRunning(t *testing.T) {
	url := closedLoopbackURL(t)
	t.Setenv(envBaseURL, url)
	t.Setenv(envAPIKey, testAPIKey)
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: "provider \"d360\" {}\n" + simpleMessage,
			ExpectError: errorLike("Could not check the template before sending", "could not connect to "+url,
				"(from the D360_BASE_URL environment variable)", "connection refused", "is it running?", "Nothing was sent."),
		}},
	})
	if d := time.Since(start); d > 15*time.Second {
		t.Fatalf("a plan against a closed port took %v; it should give up within seconds", d)
	}
}

// The plan-time template check does not suggest validate_templates = false
// when the API cannot be reached: the send would fail the same way.
func TestTemplateCheckUnreachableHasNoSkipHint(t *testing.T) {
	url := closedLoopbackURL(t)
	client, err := d360.New(d360.Config{BaseURL: url, APIKey: testAPIKey, RefusedBudget: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	data := &providerData{client: client, templates: d360.NewTemplateCache(client), validateTemplates: true}
	var diags diag.Diagnostics
	checkTemplateAtPlan(context.Background(), data,
		&templateParamsModel{TemplateName: types.StringValue("spring_sale"), LanguageCode: types.StringValue("en")}, &diags)
	if !diags.HasError() {
		t.Fatal("want an error")
	}
	detail := diags.Errors()[0].Detail()
	if strings.Contains(detail, "validate_templates") || !strings.Contains(detail, "is it running?") {
		t.Fatalf("want the d360-mock advice and no validate_templates hint, got:\n%s", detail)
	}
}

// closedLoopbackURL is an http URL of a loopback port that nothing listens
// on: a d360-mock that is not running.
func closedLoopbackURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return url
}
