// Command validate reads Kubernetes manifests (a multi-document YAML stream, as `helm template`
// writes it) on standard input and decodes each one strictly into the Kubernetes API's own Go
// types: an unknown kind or apiVersion, an unknown or duplicated field and a value of the wrong
// type are errors. Besides Kubernetes' own kinds it knows the Prometheus Operator's (ServiceMonitor,
// PrometheusRule). It prints one line per object and exits 1 on the first error.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
)

func main() {
	// Kubernetes' own types, and the Prometheus Operator's (ServiceMonitor, PrometheusRule).
	types := runtime.NewScheme()
	if err := scheme.AddToScheme(types); err != nil {
		fail("registering the Kubernetes types: %v", err)
	}
	if err := monitoringv1.AddToScheme(types); err != nil {
		fail("registering the monitoring types: %v", err)
	}
	strict := json.NewSerializerWithOptions(json.DefaultMetaFactory, types, types,
		json.SerializerOptions{Yaml: true, Strict: true})
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	count := 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fail("reading the manifests: %v", err)
		}
		if len(bytes.TrimSpace(stripComments(doc))) == 0 {
			continue
		}
		obj, gvk, err := strict.Decode(doc, nil, nil)
		if err != nil {
			fail("object %d: %v\n%s", count+1, err, doc)
		}
		count++
		fmt.Printf("valid %s/%s %s\n", gvk.GroupVersion().String(), gvk.Kind, nameOf(obj))
	}
	if count == 0 {
		fail("no manifests on standard input")
	}
}

func nameOf(obj interface{}) string {
	if named, ok := obj.(interface{ GetName() string }); ok {
		return named.GetName()
	}
	return "?"
}

// stripComments drops the lines helm writes between documents ("# Source: ...").
func stripComments(doc []byte) []byte {
	var out bytes.Buffer
	for _, line := range bytes.Split(doc, []byte("\n")) {
		if !bytes.HasPrefix(bytes.TrimSpace(line), []byte("#")) {
			out.Write(line)
			out.WriteByte('\n')
		}
	}
	return out.Bytes()
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "validate: "+format+"\n", args...)
	os.Exit(1)
}
