import Pipeline
import Testing

@Suite struct FreightAliasTests {
    /// Freight-like names: 40 hex digits (a SHA-1), as real Freight names are.
    private static func generatedNames(_ count: Int) -> [String] {
        (0..<count).map { FreightIdentity.collectionID(["freight-\($0)"]) }
    }

    private static func isWellFormed(_ alias: String) -> Bool {
        let words = alias.split(separator: "-", omittingEmptySubsequences: false)
        return words.count == 2 && words.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    @Test func aliasIsDeterministicAndReadable() {
        for name in Self.generatedNames(200) {
            let alias = FreightAlias.alias(for: name, taken: [])
            #expect(alias == FreightAlias.alias(for: name, taken: []))
            #expect(Self.isWellFormed(alias), "\(alias)")
        }
    }

    @Test func aliasesAreUniqueOverFiveThousandNames() {
        var taken = Set<String>()
        var firstRun: [String] = []
        for name in Self.generatedNames(5_000) {
            let alias = FreightAlias.alias(for: name, taken: taken)
            #expect(!taken.contains(alias))
            #expect(Self.isWellFormed(alias), "\(alias)")
            taken.insert(alias)
            firstRun.append(alias)
        }
        #expect(taken.count == 5_000)
        var again = Set<String>()
        let secondRun = Self.generatedNames(5_000).map { name in
            let alias = FreightAlias.alias(for: name, taken: again)
            again.insert(alias)
            return alias
        }
        #expect(secondRun == firstRun)
    }

    @Test func collisionWalksToTheNextFreePair() {
        let name = Self.generatedNames(1)[0]
        let first = FreightAlias.alias(for: name, taken: [])
        let second = FreightAlias.alias(for: name, taken: [first])
        let third = FreightAlias.alias(for: name, taken: [first, second])
        #expect(second != first)
        #expect(third != first && third != second)
        #expect(FreightAlias.alias(for: name, taken: [first]) == second)
    }

    @Test func assignKeepsExistingAliasesAndIsStable() {
        let names = Self.generatedNames(6)
        func freight(_ i: Int, alias: String? = nil, discovered: Int64? = nil, created: Int64? = nil) -> Freight {
            var meta = ObjectMeta(name: names[i])
            meta.creationTimestamp = created.map { Timestamp(secondsSinceEpoch: $0) }
            return Freight(metadata: meta, alias: alias, origin: FreightOrigin(kind: .warehouse, name: "app"),
                           discoveredAt: discovered.map { Timestamp(secondsSinceEpoch: $0) })
        }
        let existingAlias = FreightAlias.alias(for: names[1], taken: [])
        let all = [
            freight(0, discovered: 300),
            freight(1, discovered: 100),
            freight(2, alias: existingAlias, discovered: 50),  // holds the pair freight 1 would want
            freight(3, alias: "", created: 200),  // empty alias counts as none
            freight(4, alias: "hand-picked"),
            freight(5),
        ]
        let aliases = FreightAlias.assign(all)
        #expect(aliases.count == 6)
        #expect(aliases[names[2]] == existingAlias)
        #expect(aliases[names[4]] == "hand-picked")
        #expect(Set(aliases.values).count == 6)
        #expect(aliases[names[1]] == FreightAlias.alias(for: names[1], taken: [existingAlias, "hand-picked"]))
        #expect(aliases.values.filter { $0 != "hand-picked" }.allSatisfy(Self.isWellFormed))
        // Input order does not matter, and adding newer Freight renames nothing.
        #expect(FreightAlias.assign(all.reversed()) == aliases)
        let newer = Freight(metadata: ObjectMeta(name: "f" + names[0].dropFirst()), origin: FreightOrigin(kind: .warehouse, name: "app"),
                            discoveredAt: Timestamp(secondsSinceEpoch: 999))
        let extended = FreightAlias.assign(all + [newer])
        for (name, alias) in aliases where name != names[5] {
            #expect(extended[name] == alias)
        }
    }
}
