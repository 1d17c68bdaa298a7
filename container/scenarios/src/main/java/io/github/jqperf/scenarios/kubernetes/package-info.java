/**
 * The scenarios on a real Kubernetes cluster ({@code ./jqperf --scenarios --kubernetes}), the second implementation
 * of {@link io.github.jqperf.scenarios.placement.Placement}.
 *
 * <p>Pure parts, no API call: {@link io.github.jqperf.scenarios.kubernetes.Overlays} reads the kustomize overlays
 * of {@code container/k8s} (one source with {@code kubectl apply -k}); {@link
 * io.github.jqperf.scenarios.kubernetes.PodFactory} turns an overlay's Deployment and Job pod templates into the
 * server and client pods, adding only {@link io.github.jqperf.scenarios.kubernetes.PodFactory#ADDITIONS}; {@link
 * io.github.jqperf.scenarios.kubernetes.NodeChoice} picks the two nodes; {@link
 * io.github.jqperf.scenarios.kubernetes.DryRun} prints {@code --dry-run}'s YAML stream. The API calls are all in
 * {@link io.github.jqperf.scenarios.kubernetes.KubernetesPlacement} (fabric8 kubernetes-client on the JDK's HTTP
 * client).
 */
package io.github.jqperf.scenarios.kubernetes;
