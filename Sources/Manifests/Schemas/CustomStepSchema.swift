/// The schema of Kargo's `CustomPromotionStep` (an enterprise kind whose CRD is not
/// published with the open-source ones), written here from Kargo's user guide. Fields
/// that only shape Kargo's step pod (`capabilities`, `resources`, `imagePullSecrets`) are
/// accepted and not used.
enum CustomStepSchema {
    static let kinds: [String: String] = [
        "ee.kargo.akuity.io/v1alpha1/CustomPromotionStep": #"""
        {"type":"object","required":["spec"],"properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","additionalProperties":false,"required":["image","command"],"properties":{
            "image":{"type":"string","minLength":1},
            "command":{"type":"array","minItems":1,"items":{"type":"string"}},
            "args":{"type":"array","items":{"type":"string"}},
            "env":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["name"],
              "properties":{"name":{"type":"string","minLength":1},"value":{"type":"string"}}}},
            "output":{"type":"object","additionalProperties":false,"properties":{
              "source":{"type":"object","additionalProperties":false,"properties":{
                "type":{"type":"string","enum":["Pipe","Stdout","Stderr","File"]},
                "path":{"type":"string"},
                "format":{"type":"string","enum":["JSON","YAML","KeyValue","Text"]}}},
              "transform":{"type":"object","additionalProperties":{"type":"string"}}}},
            "defaultTimeout":{"type":"string","pattern":"^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$"},
            "defaultErrorThreshold":{"type":"integer","minimum":0},
            "capabilities":{"type":"array","items":{"type":"string","enum":["access-control-plane","access-argocd"]}},
            "resources":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
            "imagePullSecrets":{"type":"array","items":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}},
          "status":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}
        """#,
    ]
}
