import Pipeline
import Testing

@Suite struct ShardTests {
    /// FNV-1a's published 64-bit test vectors, and Project names whose value anyone can
    /// recompute (e.g. Python: `h ^= b; h = h * 0x100000001b3 % 2**64` from 0xcbf29ce484222325).
    @Test("64-bit FNV-1a of known strings", arguments: [
        ("", 0xcbf2_9ce4_8422_2325 as UInt64),
        ("a", 0xaf63_dc4c_8601_ec8c),
        ("foobar", 0x8594_4171_f739_67e8),
        ("kargo-demo", 0x69da_5a32_f131_ab69),
        ("project-00", 0xedd0_3a3a_4690_9051),
        ("project-01", 0xedd0_393a_4690_8e9e),
    ])
    func fnv1a64(text: String, hash: UInt64) {
        #expect(Shard.fnv1a64(text) == hash)
    }

    @Test func aProjectBelongsToItsHashModuloTheCount() {
        // 0x69da5a32f131ab69 % 4 == 1, % 3 == 0.
        #expect(Shard.shard(of: "kargo-demo", count: 4) == 1)
        #expect(Shard.shard(of: "kargo-demo", count: 3) == 0)
        #expect(Shard(index: 1, count: 4).contains(project: "kargo-demo"))
        #expect(!Shard(index: 0, count: 4).contains(project: "kargo-demo"))
        #expect(Shard(index: 0, count: 1).contains(project: "anything"))
    }

    @Test func everyProjectIsInExactlyOneShard() {
        let names = (0..<200).map { "team-\($0)" }
        for count in 1...7 {
            let shards = (0..<count).map { Shard(index: $0, count: count) }
            for name in names { #expect(shards.filter { $0.contains(project: name) }.count == 1) }
        }
    }

    @Test(arguments: [("0/1", 0, 1), ("0/4", 0, 4), ("3/4", 3, 4), ("12/16", 12, 16)])
    func parses(text: String, index: Int, count: Int) throws {
        let shard = try Shard(parsing: text)
        #expect(shard == Shard(index: index, count: count))
        #expect(shard.description == text)
    }

    @Test(arguments: [
        ("4/4", "INDEX must be below COUNT (0 to 3 for 4 shards)"),
        ("0/0", "COUNT must be at least 1"),
        ("-1/4", "expected INDEX/COUNT"), ("1", "expected INDEX/COUNT"), ("1/2/3", "expected INDEX/COUNT"),
        ("a/4", "expected INDEX/COUNT"), ("/4", "expected INDEX/COUNT"), (" 1/4", "expected INDEX/COUNT"),
        ("+1/4", "expected INDEX/COUNT"), ("99999999999999999999/4", "expected INDEX/COUNT"),
    ])
    func rejects(text: String, reason: String) {
        #expect {
            try Shard(parsing: text)
        } throws: { error in
            let message = (error as? ShardSyntaxError)?.description ?? ""
            return message.hasPrefix("--shard \(text): ") && message.contains(reason)
        }
    }
}
