package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

const (
	// repository is where release.yml publishes the image; the tarball's
	// tag names it too, so `docker load` gives the name the docs use.
	repository = "ghcr.io/d360-tf/d360-mock"
	source     = "https://github.com/d360-tf/terraform-provider-d360"
	// licenses is LICENSE's SPDX identifier.
	licenses = "MPL-2.0"
	// port is fixed so that `docker run -p` and a GitLab service need no
	// discovery: d360-mock's own default, port 0, suits a host, not a
	// container.
	port = "8360"
	// user is distroless's "nonroot": no passwd entry is needed for a
	// static binary, and no file in the image is writable by it.
	user = "65532:65532"
	// binaryName is the only file in the image, at its root.
	binaryName = "d360-mock"
)

// entrypoint listens on every interface of the container, because a
// container's loopback is unreachable from the host and from other
// containers. The address is part of the entrypoint, not of Cmd, so that
// arguments given to `docker run` or a GitLab service's `command:` add to
// it instead of replacing it; a later -addr still wins, as Go's flag
// package keeps the last value.
var entrypoint = []string{"/" + binaryName, "-addr", "0.0.0.0:" + port}

// meta is what the image says about the build it came from.
type meta struct {
	Version  string    // VERSION, the release's version without the v
	Revision string    // the git commit, empty outside a clone
	Created  time.Time // the commit's time, so a rebuild gives the same digest
}

// readMeta reads VERSION and asks git for the commit; without git (a
// source archive) the image has no revision label and the Unix epoch as
// its date, as reproducible builds do.
func readMeta(ctx context.Context, root string) (meta, error) {
	raw, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		return meta{}, err
	}
	m := meta{Version: strings.TrimSpace(string(raw)), Created: time.Unix(0, 0).UTC()}
	if m.Version == "" {
		return meta{}, fmt.Errorf("%s is empty", filepath.Join(root, "VERSION"))
	}
	if rev, created, ok := headCommit(ctx, root); ok {
		m.Revision, m.Created = rev, created
	}
	return m, nil
}

// headCommit is the checked-out commit and its time, if root is a clone.
func headCommit(ctx context.Context, root string) (string, time.Time, bool) {
	out, err := exec.CommandContext(ctx, "git", "-C", root, "log", "-1", "--format=%H %ct").Output()
	if err != nil {
		return "", time.Time{}, false
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2 {
		return "", time.Time{}, false
	}
	sec, err := strconv.ParseInt(fields[1], 10, 64)
	if err != nil {
		return "", time.Time{}, false
	}
	return fields[0], time.Unix(sec, 0).UTC(), true
}

// labels are the OCI annotation keys that registries and `docker inspect`
// show; ghcr.io links the package to the repository through .source.
func (m meta) labels() map[string]string {
	l := map[string]string{
		"org.opencontainers.image.title":       binaryName,
		"org.opencontainers.image.description": "A local mock of 360dialog's WhatsApp API (MM Lite) and the Meta Graph reads of the d360 Terraform provider, for demos and CI",
		"org.opencontainers.image.version":     m.Version,
		"org.opencontainers.image.source":      source,
		"org.opencontainers.image.url":         source,
		"org.opencontainers.image.licenses":    licenses,
		"org.opencontainers.image.created":     m.Created.Format(time.RFC3339),
	}
	if m.Revision != "" {
		l["org.opencontainers.image.revision"] = m.Revision
	}
	return l
}

// buildMock builds d360-mock for p into dir with the flags of the
// release's own build in .goreleaser.yml: static (CGO_ENABLED=0), so it
// runs on an empty base, and stamped with the version that -version prints.
func buildMock(ctx context.Context, root, version string, p v1.Platform, dir string) (string, error) {
	out := filepath.Join(dir, p.OS+"_"+p.Architecture, binaryName)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath",
		"-ldflags", "-s -w -X main.version="+version, "-o", out, "./cmd/d360-mock")
	cmd.Dir = root
	// The baseline of each architecture, whatever the builder's GOAMD64 or
	// GOARM64 says, so that the image runs on every machine of its arch.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.OS, "GOARCH="+p.Architecture, "GOAMD64=v1", "GOARM64=v8.0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ./cmd/d360-mock for %s: %w", p, err)
	}
	return out, nil
}

// binaryLayer is a one-file layer: the binary at the root, owned by root
// and executable by everyone, dated like the image so that the layer's
// digest depends on the binary alone.
func binaryLayer(bin []byte, mtime time.Time) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	hdr := &tar.Header{Typeflag: tar.TypeReg, Name: binaryName, Mode: 0o755, Size: int64(len(bin)), ModTime: mtime, Format: tar.FormatUSTAR}
	if err := tw.WriteHeader(hdr); err != nil {
		return nil, err
	}
	if _, err := tw.Write(bin); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil },
		tarball.WithMediaType(types.OCILayer), tarball.WithCompressionLevel(gzip.BestCompression))
}

// mockImage is the image of one platform: scratch plus the binary.
func mockImage(bin []byte, p v1.Platform, m meta) (v1.Image, error) {
	layer, err := binaryLayer(bin, m.Created)
	if err != nil {
		return nil, err
	}
	cfg := &v1.ConfigFile{
		Architecture: p.Architecture,
		OS:           p.OS,
		Variant:      p.Variant,
		Created:      v1.Time{Time: m.Created},
		RootFS:       v1.RootFS{Type: "layers"},
		Config: v1.Config{
			Entrypoint:   entrypoint,
			User:         user,
			WorkingDir:   "/",
			ExposedPorts: map[string]struct{}{port + "/tcp": {}},
			Labels:       m.labels(),
		},
	}
	img := mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	img, err = mutate.ConfigFile(img, cfg)
	if err != nil {
		return nil, err
	}
	return mutate.Append(img, mutate.Addendum{
		Layer: layer,
		History: v1.History{
			Created:   v1.Time{Time: m.Created},
			CreatedBy: "go build -trimpath ./cmd/d360-mock (CGO_ENABLED=0, " + p.String() + ")",
		},
	})
}

// platformImage pairs an image with the platform an index lists it under.
type platformImage struct {
	Platform v1.Platform
	Image    v1.Image
}

// mockIndex is the multi-platform image that release.yml pushes, so that
// `docker pull` picks the host's architecture. ghcr.io shows the index's
// own annotations, not an image's labels, on a multi-platform package.
func mockIndex(images []platformImage, m meta) (v1.ImageIndex, error) {
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	for _, pi := range images {
		p := pi.Platform
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: pi.Image, Descriptor: v1.Descriptor{Platform: &p}})
	}
	annotated, ok := mutate.Annotations(idx, m.labels()).(v1.ImageIndex)
	if !ok {
		return nil, errors.New("go-containerregistry annotated the index as something other than an index")
	}
	return annotated, nil
}
