package main

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// What release.yml pushes, pushed to an in-memory registry on loopback:
// one index under both tags, one image per platform, each with the
// entrypoint, and the labels on the index for ghcr.io's package page.
// Stand-in binaries keep it from cross-compiling; buildMock is the same
// for every platform.
func TestPushIndex(t *testing.T) {
	reg := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	defer reg.Close()
	host := strings.TrimPrefix(reg.URL, "http://")
	m := meta{Version: "1.2.3", Revision: "0123456789abcdef0123456789abcdef01234567", Created: time.Unix(1700000000, 0).UTC()}

	var images []platformImage
	for _, s := range []string{"linux/amd64", "linux/arm64"} {
		p, err := v1.ParsePlatform(s)
		if err != nil {
			t.Fatal(err)
		}
		img, err := mockImage([]byte("d360-mock for "+s), *p, m)
		if err != nil {
			t.Fatal(err)
		}
		images = append(images, platformImage{Platform: *p, Image: img})
	}
	refs := []string{host + "/d360-tf/d360-mock:1.2.3", host + "/d360-tf/d360-mock:latest"}
	idx, err := mockIndex(images, m)
	if err != nil {
		t.Fatal(err)
	}
	digest, err := push(context.Background(), idx, refs, remote.WithAuth(authn.Anonymous))
	if err != nil {
		t.Fatal(err)
	}

	for _, ref := range refs {
		tag, err := name.NewTag(ref)
		if err != nil {
			t.Fatal(err)
		}
		desc, err := remote.Head(tag)
		if err != nil {
			t.Fatal(err)
		}
		if desc.Digest != digest || desc.MediaType != types.OCIImageIndex {
			t.Errorf("%s is %s %s, want the index %s", ref, desc.MediaType, desc.Digest, digest)
		}
	}
	tag, err := name.NewTag(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	idx, err = remote.Index(tag)
	if err != nil {
		t.Fatal(err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if got := im.Annotations["org.opencontainers.image.source"]; got != source {
		t.Errorf("index source annotation %q, want %q", got, source)
	}
	var platforms []string
	for _, d := range im.Manifests {
		platforms = append(platforms, d.Platform.String())
		img, err := idx.Image(d.Digest)
		if err != nil {
			t.Fatal(err)
		}
		cf, err := img.ConfigFile()
		if err != nil {
			t.Fatal(err)
		}
		if cf.Architecture != d.Platform.Architecture || !slices.Equal(cf.Config.Entrypoint, entrypoint) || cf.Config.Labels["org.opencontainers.image.version"] != "1.2.3" {
			t.Errorf("%s: arch %s, entrypoint %q, labels %v", d.Platform, cf.Architecture, cf.Config.Entrypoint, cf.Config.Labels)
		}
	}
	if want := []string{"linux/amd64", "linux/arm64"}; !slices.Equal(platforms, want) {
		t.Errorf("index lists %v, want %v", platforms, want)
	}
}
