import Expressions
import Pipeline
import Testing

/// Go's number and JSON printing, which a measurement's recorded value must match.
struct GoFormattingTests {
    @Test(arguments: [
        (0.99, "0.99"), (1, "1"), (0, "0"), (-0.0, "-0"), (-2.5, "-2.5"), (1e21, "1000000000000000000000"),
        (1e-7, "0.0000001"), (123456.789, "123456.789"), (.nan, "NaN"), (.infinity, "+Inf"), (-.infinity, "-Inf"),
    ] as [(Double, String)])
    func sampleValuesPrintLikePrometheus(value: Double, text: String) {
        #expect(GoFormatting.plainFloat(value) == text)
    }

    @Test(arguments: [
        (0.99, "0.99"), (1, "1"), (1e21, "1e+21"), (1.5e21, "1.5e+21"), (1e-7, "1e-7"), (2.5e-10, "2.5e-10"),
        (1e-6, "0.000001"), (123456789, "123456789"),
    ] as [(Double, String)])
    func floatsMarshalLikeGo(value: Double, text: String) {
        #expect(GoFormatting.json(.double(value)) == text)
    }

    @Test func valuesMarshalWithSortedKeysAndGoEscapes() {
        let value: JSONValue = .object([
            "b": .array([.int(1), .double(2.5), .null, .bool(false)]),
            "a": .string("<x & \"y\">\n\u{1}\u{2028}é"),
            "B": .int(9_007_199_254_740_993),
        ])
        #expect(GoFormatting.json(value)
            == #"{"B":9007199254740992,"a":"\u003cx \u0026 \"y\"\u003e\n\u0001\u2028é","b":[1,2.5,null,false]}"#)
    }
}
