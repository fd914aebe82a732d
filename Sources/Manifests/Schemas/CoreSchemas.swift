/// Schemas for the Kubernetes core kinds and object metadata that Kargo repositories
/// carry beside Kargo's own kinds. Written here from the Kubernetes API reference.
enum CoreSchemas {
    static let objectMeta = #"""
    {"type":"object","properties":{
      "name":{"type":"string","maxLength":253},
      "generateName":{"type":"string"},
      "namespace":{"type":"string","maxLength":63},
      "labels":{"type":"object","additionalProperties":{"type":"string"}},
      "annotations":{"type":"object","additionalProperties":{"type":"string"}},
      "uid":{"type":"string"},"resourceVersion":{"type":"string"},"generation":{"type":"integer"},
      "creationTimestamp":{"type":"string","format":"date-time"},
      "deletionTimestamp":{"type":"string","format":"date-time"},
      "deletionGracePeriodSeconds":{"type":"integer"},
      "finalizers":{"type":"array","items":{"type":"string"}},
      "ownerReferences":{"type":"array","items":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
      "managedFields":{"type":"array","items":{"type":"object","x-kubernetes-preserve-unknown-fields":true}},
      "selfLink":{"type":"string"}}}
    """#

    static let kinds: [String: String] = [
        "v1/Secret": #"""
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "type":{"type":"string"},"immutable":{"type":"boolean"},
          "data":{"type":"object","additionalProperties":{"type":"string"}},
          "stringData":{"type":"object","additionalProperties":{"type":"string"}}}}
        """#,
        "v1/ConfigMap": #"""
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "immutable":{"type":"boolean"},
          "data":{"type":"object","additionalProperties":{"type":"string"}},
          "binaryData":{"type":"object","additionalProperties":{"type":"string"}}}}
        """#,
        "v1/Namespace": #"""
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
          "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}
        """#,
    ]
}
