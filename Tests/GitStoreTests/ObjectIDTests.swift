import GitStore
import Testing

@Suite struct ObjectIDTests {
    @Test func hexRoundTrip() throws {
        let hex = "0123456789abcdef0123456789abcdef01234567"
        let id = try #require(ObjectID(hex: hex))
        #expect(id.hex == hex)
        #expect(id.description == hex)
        #expect(id.bytes.count == 20)
        #expect(id.bytes.prefix(3) == [0x01, 0x23, 0x45])
        #expect(ObjectID(hex: hex.uppercased()) == id)
    }

    @Test("malformed hex is rejected", arguments: [
        "", "abc", String(repeating: "a", count: 39), String(repeating: "a", count: 41),
        String(repeating: "g", count: 40), String(repeating: "a", count: 38) + " a",
    ])
    func malformed(_ hex: String) {
        #expect(ObjectID(hex: hex) == nil)
    }
}
