package main

import (
	"archive/tar"
	"bytes"
	"context"
	"debug/elf"
	"errors"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// root is the repository, seen from this package's directory, where go
// test runs.
const root = "../.."

// The tarball under test: MOCK_IMAGE_TAR, as `make mock-image` sets it to
// the file it has just written, so that what ships is what is checked;
// otherwise one built here, so that `go test` alone checks the same things.
var (
	tarOnce sync.Once
	tarPath string
	tarErr  error
)

func imageTar(t *testing.T) string {
	t.Helper()
	tarOnce.Do(func() {
		if tarPath = os.Getenv("MOCK_IMAGE_TAR"); tarPath != "" {
			return
		}
		var dir string
		// Shared by every test, so not a t.TempDir; TestMain removes it.
		if dir, tarErr = os.MkdirTemp("", "mockimage-test-"); tarErr != nil { //nolint:usetesting // see above
			return
		}
		tarPath = filepath.Join(dir, "d360-mock-image.tar")
		tarErr = run(context.Background(), []string{"-root", root, "-out", tarPath})
	})
	if tarErr != nil {
		t.Fatal(tarErr)
	}
	return tarPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if os.Getenv("MOCK_IMAGE_TAR") == "" && tarPath != "" {
		_ = os.RemoveAll(filepath.Dir(tarPath))
	}
	os.Exit(code)
}

func wantMeta(t *testing.T) meta {
	t.Helper()
	m, err := readMeta(context.Background(), root)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func loadImage(t *testing.T) v1.Image {
	t.Helper()
	img, err := tarball.ImageFromPath(imageTar(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// docker load reads manifest.json: one image, named as release.yml
// publishes it, with one layer.
func TestTarballManifest(t *testing.T) {
	path := imageTar(t)
	mf, err := tarball.LoadManifest(func() (io.ReadCloser, error) { return os.Open(path) })
	if err != nil {
		t.Fatal(err)
	}
	want := repository + ":" + wantMeta(t).Version
	if len(mf) != 1 || !slices.Equal(mf[0].RepoTags, []string{want}) || len(mf[0].Layers) != 1 {
		t.Fatalf("manifest.json: want one image tagged %s with one layer, got %+v", want, mf)
	}
}

func TestImageConfig(t *testing.T) {
	cf, err := loadImage(t).ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	m := wantMeta(t)
	c := cf.Config
	if cf.OS != "linux" || elfMachine[cf.Architecture] == 0 {
		t.Errorf("platform %s/%s, want linux/amd64 or linux/arm64", cf.OS, cf.Architecture)
	}
	if want := []string{"/d360-mock", "-addr", "0.0.0.0:8360"}; !slices.Equal(c.Entrypoint, want) {
		t.Errorf("Entrypoint %q, want %q", c.Entrypoint, want)
	}
	if len(c.Cmd) != 0 {
		t.Errorf("Cmd %q, want none: arguments to docker run add to the entrypoint's", c.Cmd)
	}
	if c.User != "65532:65532" {
		t.Errorf("User %q, want 65532:65532 (not root)", c.User)
	}
	if _, ok := c.ExposedPorts["8360/tcp"]; !ok || len(c.ExposedPorts) != 1 {
		t.Errorf("ExposedPorts %v, want 8360/tcp", c.ExposedPorts)
	}
	wantLabels := map[string]string{
		"org.opencontainers.image.title":    "d360-mock",
		"org.opencontainers.image.version":  m.Version,
		"org.opencontainers.image.source":   "https://github.com/d360-tf/terraform-provider-d360",
		"org.opencontainers.image.licenses": "MPL-2.0",
		"org.opencontainers.image.revision": m.Revision,
		"org.opencontainers.image.created":  m.Created.Format(time.RFC3339),
	}
	for k, v := range wantLabels {
		if got := c.Labels[k]; got != v {
			t.Errorf("label %s = %q, want %q", k, got, v)
		}
	}
	if c.Labels["org.opencontainers.image.description"] == "" {
		t.Error("no description label")
	}
	if !cf.Created.Equal(m.Created) {
		t.Errorf("created %v, want the commit's time %v", cf.Created, m.Created)
	}
}

// The licence the label names is the one in LICENSE.
func TestLicenseLabel(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(raw), "Mozilla Public License, version 2.0") || licenses != "MPL-2.0" {
		t.Errorf("LICENSE starts %q, the label says %s", strings.SplitN(string(raw), "\n", 2)[0], licenses)
	}
}

// layerFiles reads the image's only layer: name → header and content.
func layerFiles(t *testing.T, img v1.Image) map[string]layerFile {
	t.Helper()
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	if len(layers) != 1 {
		t.Fatalf("%d layers, want 1 on an empty base", len(layers))
	}
	rc, err := layers[0].Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	files := map[string]layerFile{}
	tr := tar.NewReader(rc)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return files
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[hdr.Name] = layerFile{hdr, data}
	}
}

type layerFile struct {
	hdr  *tar.Header
	data []byte
}

// The layer holds the binary and nothing else: static, so that it runs on
// an empty base, and readable and executable by the image's non-root user.
func TestLayerIsOneStaticBinary(t *testing.T) {
	img := loadImage(t)
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	files := layerFiles(t, img)
	f, ok := files["d360-mock"]
	if !ok || len(files) != 1 {
		t.Fatalf("layer holds %v, want d360-mock alone", slices.Sorted(maps.Keys(files)))
	}
	if f.hdr.Typeflag != tar.TypeReg || f.hdr.Mode != 0o755 || f.hdr.Uid != 0 || f.hdr.Gid != 0 {
		t.Errorf("d360-mock: type %c mode %o owner %d:%d, want a regular file 755 owned by 0:0", f.hdr.Typeflag, f.hdr.Mode, f.hdr.Uid, f.hdr.Gid)
	}
	bin, err := elf.NewFile(bytes.NewReader(f.data))
	if err != nil {
		t.Fatalf("d360-mock is not an ELF binary: %v", err)
	}
	if bin.Machine != elfMachine[cf.Architecture] {
		t.Errorf("d360-mock is built for %v, the image says %s", bin.Machine, cf.Architecture)
	}
	for _, p := range bin.Progs {
		if p.Type == elf.PT_INTERP || p.Type == elf.PT_DYNAMIC {
			t.Errorf("d360-mock is dynamically linked (%v); the empty base has no libc", p.Type)
		}
	}
}

// elfMachine is the ELF machine of each architecture the image is built for.
var elfMachine = map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}

// The image's binary, written out to run it, with the entrypoint's
// arguments.
func extractedEntrypoint(t *testing.T, dir string) (bin string, args []string) {
	t.Helper()
	img := loadImage(t)
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	f := layerFiles(t, img)[strings.TrimPrefix(cf.Config.Entrypoint[0], "/")]
	if f.hdr == nil {
		t.Fatalf("the entrypoint %s is not in the layer", cf.Config.Entrypoint[0])
	}
	bin = filepath.Join(dir, "d360-mock")
	if err := os.WriteFile(bin, f.data, os.FileMode(f.hdr.Mode)); err != nil {
		t.Fatal(err)
	}
	return bin, cf.Config.Entrypoint[1:]
}

func TestEntrypointPrintsVersion(t *testing.T) {
	cf, err := loadImage(t).ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if cf.OS != runtime.GOOS || cf.Architecture != runtime.GOARCH {
		t.Skipf("a %s/%s image does not run on %s/%s", cf.OS, cf.Architecture, runtime.GOOS, runtime.GOARCH)
	}
	bin, args := extractedEntrypoint(t, t.TempDir())
	out, err := exec.Command(bin, append(args, "-version")...).CombinedOutput()
	if err != nil {
		t.Fatalf("d360-mock %s -version: %v\n%s", strings.Join(args, " "), err, out)
	}
	if want := "d360-mock " + wantMeta(t).Version + "\n"; string(out) != want {
		t.Errorf("-version printed %q, want %q", out, want)
	}
}
