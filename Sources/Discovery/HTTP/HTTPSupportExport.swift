// Discovery's transports are the shared ones; re-exported so callers of Discovery keep
// seeing `HTTPTransport`, `HTTPRequest` and `URLSessionTransport` through one import.
@_exported import HTTPSupport
