// Command mockimage builds the d360-mock container image with no Docker
// daemon, since neither CI machines nor developers' need one: the binary is
// cross-compiled and laid on an empty base with go-containerregistry.
//
//	mockimage -out dist/d360-mock-image.tar [-platform linux/arm64]
//	    one platform as a `docker load` tarball, tagged repository:VERSION
//	mockimage -push ghcr.io/d360-tf/d360-mock:0.1.0 [-push ...:latest]
//	    linux/amd64 and linux/arm64 as one image index, pushed with the
//	    credentials in REGISTRY_USERNAME and REGISTRY_PASSWORD, else those
//	    of `docker login` (read from its config file; no daemon is asked)
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "mockimage:", err)
		os.Exit(1)
	}
}

// refList is a repeatable flag.
type refList []string

func (r *refList) String() string     { return strings.Join(*r, ",") }
func (r *refList) Set(v string) error { *r = append(*r, v); return nil }

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("mockimage", flag.ContinueOnError)
	root := fs.String("root", "../..", "the repository's root: VERSION, cmd/d360-mock and the git history")
	out := fs.String("out", "", "write a `docker load` tarball of one platform to this file")
	platform := fs.String("platform", "linux/"+runtime.GOARCH, "the platform of -out (default: this machine's architecture, so docker runs it natively)")
	platforms := fs.String("platforms", "linux/amd64,linux/arm64", "the platforms of -push, as one image index")
	var pushes refList
	fs.Var(&pushes, "push", "push the image index to this reference (repeatable: the first is pushed, the others tag it)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*out == "") == (len(pushes) == 0) || fs.NArg() > 0 {
		return errors.New("give either -out FILE or -push REF")
	}
	m, err := readMeta(ctx, *root)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "mockimage-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	if *out != "" {
		p, err := v1.ParsePlatform(*platform)
		if err != nil {
			return err
		}
		img, err := buildImage(ctx, *root, *p, m, work)
		if err != nil {
			return err
		}
		return writeTarball(*out, img, *p, m)
	}

	var images []platformImage
	for _, s := range strings.Split(*platforms, ",") {
		p, err := v1.ParsePlatform(s)
		if err != nil {
			return err
		}
		img, err := buildImage(ctx, *root, *p, m, work)
		if err != nil {
			return err
		}
		images = append(images, platformImage{Platform: *p, Image: img})
	}
	idx, err := mockIndex(images, m)
	if err != nil {
		return err
	}
	digest, err := push(ctx, idx, pushes, registryAuth())
	if err != nil {
		return err
	}
	for _, ref := range pushes {
		fmt.Printf("pushed %s@%s (%s)\n", ref, digest, *platforms)
	}
	return nil
}

func buildImage(ctx context.Context, root string, p v1.Platform, m meta, work string) (v1.Image, error) {
	path, err := buildMock(ctx, root, m.Version, p, work)
	if err != nil {
		return nil, err
	}
	bin, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return mockImage(bin, p, m)
}

// writeTarball writes the image under its release name, through a
// temporary file so that a failed run never leaves a truncated tarball
// that `docker load` would half read.
func writeTarball(path string, img v1.Image, p v1.Platform, m meta) error {
	tag, err := name.NewTag(repository + ":" + m.Version)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := tarball.WriteToFile(tmp, tag, img); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	digest, err := img.Digest()
	if err != nil {
		return err
	}
	id, err := img.ConfigName()
	if err != nil {
		return err
	}
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %s for %s, %.1f MiB\n  image ID (config): %s\n  manifest digest:   %s\n", path, tag, p, float64(info.Size())/(1<<20), id, digest)
	return nil
}

// registryAuth prefers explicit credentials, as release.yml passes
// GITHUB_TOKEN, and falls back to the docker config file for a person.
func registryAuth() remote.Option {
	if pw := os.Getenv("REGISTRY_PASSWORD"); pw != "" {
		return remote.WithAuth(authn.FromConfig(authn.AuthConfig{Username: os.Getenv("REGISTRY_USERNAME"), Password: pw}))
	}
	return remote.WithAuthFromKeychain(authn.DefaultKeychain)
}

// push uploads the index under the first reference and tags it with the
// others, and returns its digest.
func push(ctx context.Context, idx v1.ImageIndex, refs []string, auth remote.Option) (v1.Hash, error) {
	digest, err := idx.Digest()
	if err != nil {
		return v1.Hash{}, err
	}
	opts := []remote.Option{auth, remote.WithContext(ctx)}
	for i, s := range refs {
		tag, err := name.NewTag(s, name.StrictValidation)
		if err != nil {
			return v1.Hash{}, err
		}
		if i == 0 {
			err = remote.WriteIndex(tag, idx, opts...)
		} else {
			err = remote.Tag(tag, idx, opts...)
		}
		if err != nil {
			return v1.Hash{}, fmt.Errorf("push %s: %w", tag, err)
		}
	}
	return digest, nil
}
