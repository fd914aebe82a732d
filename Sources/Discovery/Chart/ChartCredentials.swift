/// A username and password for a Helm repository or an OCI chart registry: the same
/// redacting value image registries use, so one Kargo credential Secret shape serves both.
public typealias ChartCredentials = RegistryCredentials
