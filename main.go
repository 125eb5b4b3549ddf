// Command terraform-provider-d360 serves the d360 provider to Terraform and
// OpenTofu over plugin protocol 6.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/d360-tf/terraform-provider-d360/internal/provider"
)

// version is stamped in with -ldflags "-X main.version=...": by goreleaser
// from the release tag, and by make build and make install from VERSION.
// The provider reports it to Terraform and in its User-Agent.
var version = "dev"

func main() {
	var debug, showVersion bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.BoolVar(&showVersion, "version", false, "print the version and exit")
	flag.Parse()
	if showVersion {
		printVersion(os.Stdout)
		return
	}
	quietSDKLogsUnlessAsked()
	tuneGC()
	stopProfiling := startProfiling()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err := tf6server.Serve("registry.terraform.io/d360-tf/d360", provider.NewProtocol6Server(version), opts...)
	stopProfiling()
	if err != nil {
		log.Fatal(err)
	}
}

// printVersion says which build this is, so that make install can show
// that the binary it put in the plugin directory reports the directory's
// version.
func printVersion(w io.Writer) {
	_, _ = fmt.Fprintln(w, "terraform-provider-d360", version)
}

// logEnv are the variables through which a user asks for provider logs.
var logEnv = []string{"TF_LOG", "TF_LOG_PATH", "TF_LOG_PROVIDER", "TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_ACC_LOG_PATH"}

// quietSDKLogsUnlessAsked turns the plugin SDK's own logs off when no log
// was asked for. Unset, the SDK loggers default to TRACE: every request is
// formatted as JSON log lines that Terraform then throws away, which took
// about a third of the provider's CPU in a plan of 200 sends. Any of the
// variables above leaves every level as the user set it.
func quietSDKLogsUnlessAsked() {
	for _, name := range logEnv {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER"} {
		_ = os.Setenv(name, "OFF")
	}
}
