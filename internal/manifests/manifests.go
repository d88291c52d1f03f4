// Package manifests reads the Kubernetes manifests in deploy/kubernetes and the image name the release
// publishes (.goreleaser.yaml), for the tests that hold them to the connector's configuration: only the
// fields the checks need are decoded.
package manifests

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Secret is deploy/kubernetes/secret.yaml.
type Secret struct {
	Kind       string            `yaml:"kind"`
	StringData map[string]string `yaml:"stringData"`
	Metadata   struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
}

// Deployment is deploy/kubernetes/deployment.yaml.
type Deployment struct {
	Kind string `yaml:"kind"`
	Spec struct {
		Replicas *int `yaml:"replicas"`
		Strategy struct {
			Type string `yaml:"type"`
		} `yaml:"strategy"`
		Template struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec struct {
				SecurityContext SecurityContext `yaml:"securityContext"`
				Containers      []Container     `yaml:"containers"`
				Volumes         []struct {
					Name     string    `yaml:"name"`
					EmptyDir *struct{} `yaml:"emptyDir"`
				} `yaml:"volumes"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// SecurityContext covers the pod's and the container's settings that Pod Security "restricted" checks.
type SecurityContext struct {
	RunAsNonRoot             *bool `yaml:"runAsNonRoot"`
	RunAsUser                *int  `yaml:"runAsUser"`
	ReadOnlyRootFilesystem   *bool `yaml:"readOnlyRootFilesystem"`
	AllowPrivilegeEscalation *bool `yaml:"allowPrivilegeEscalation"`
	Capabilities             struct {
		Drop []string `yaml:"drop"`
	} `yaml:"capabilities"`
	SeccompProfile struct {
		Type string `yaml:"type"`
	} `yaml:"seccompProfile"`
}

// Container is one container of the Deployment's pod.
type Container struct {
	Name  string `yaml:"name"`
	Image string `yaml:"image"`
	Env   []struct {
		Name  string `yaml:"name"`
		Value string `yaml:"value"`
	} `yaml:"env"`
	EnvFrom []struct {
		SecretRef struct {
			Name string `yaml:"name"`
		} `yaml:"secretRef"`
	} `yaml:"envFrom"`
	LivenessProbe  *Probe `yaml:"livenessProbe"`
	ReadinessProbe *Probe `yaml:"readinessProbe"`
	Resources      struct {
		Requests map[string]string `yaml:"requests"`
		Limits   map[string]string `yaml:"limits"`
	} `yaml:"resources"`
	SecurityContext SecurityContext `yaml:"securityContext"`
	VolumeMounts    []struct {
		Name      string `yaml:"name"`
		MountPath string `yaml:"mountPath"`
	} `yaml:"volumeMounts"`
}

// Probe is an HTTP probe.
type Probe struct {
	HTTPGet *struct {
		Path string `yaml:"path"`
		Port string `yaml:"port"`
	} `yaml:"httpGet"`
}

// Release is the part of .goreleaser.yaml that names the published image.
type Release struct {
	Dockers []struct {
		Images []string `yaml:"images"`
		Tags   []string `yaml:"tags"`
	} `yaml:"dockers_v2"`
}

func load(path string, out any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(out); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Load reads the Secret and the Deployment from root/deploy/kubernetes and the release's image from
// root/.goreleaser.yaml.
func Load(root string) (*Secret, *Deployment, *Release, error) {
	var s Secret
	var d Deployment
	var r Release
	dir := filepath.Join(root, "deploy", "kubernetes")
	if err := load(filepath.Join(dir, "secret.yaml"), &s); err != nil {
		return nil, nil, nil, err
	}
	if err := load(filepath.Join(dir, "deployment.yaml"), &d); err != nil {
		return nil, nil, nil, err
	}
	if err := load(filepath.Join(root, ".goreleaser.yaml"), &r); err != nil {
		return nil, nil, nil, err
	}
	return &s, &d, &r, nil
}
