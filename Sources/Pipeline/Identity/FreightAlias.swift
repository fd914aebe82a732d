import Crypto

/// Short readable names for Freight (`wonky-wombat`), as Kargo gives them, so people can say
/// which Freight they mean without a 40-digit hash. Chosen from the Freight name alone, so the
/// same Freight gets the same alias on every run and every machine.
public enum FreightAlias {
    /// The first free `adjective-noun` pair, starting at a pair picked by the SHA-1 of
    /// `freightName` and walking through all pairs in a fixed order; only when every pair is
    /// taken does a numeric suffix (`-2`, `-3`, ...) follow the starting pair.
    public static func alias(for freightName: String, taken: Set<String>) -> String {
        let pairCount = adjectives.count * animals.count
        let start = Int(seed(freightName) % UInt64(pairCount))
        for step in 0..<pairCount {
            let candidate = pair((start + step) % pairCount)
            if !taken.contains(candidate) { return candidate }
        }
        let base = pair(start)
        var suffix = 2
        while taken.contains("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }

    /// Aliases for all Freight of one project, keyed by Freight name: non-empty `alias`
    /// values are kept; the rest are assigned oldest first (`discoveredAt`, else
    /// `creationTimestamp`; Freight without either last), then by name, so newer Freight
    /// arriving later never changes the aliases of older Freight.
    public static func assign(_ freight: [Freight]) -> [String: String] {
        var result: [String: String] = [:]
        var taken = Set<String>()
        var pending: [Freight] = []
        for item in freight where result[item.metadata.name] == nil {
            if let existing = item.alias, !existing.isEmpty {
                result[item.metadata.name] = existing
                taken.insert(existing)
            } else {
                pending.append(item)
            }
        }
        for item in pending.sorted(by: olderFirst) where result[item.metadata.name] == nil {
            let chosen = alias(for: item.metadata.name, taken: taken)
            result[item.metadata.name] = chosen
            taken.insert(chosen)
        }
        return result
    }

    private static func olderFirst(_ a: Freight, _ b: Freight) -> Bool {
        switch (discovered(a), discovered(b)) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.metadata.name.utf8.lexicographicallyPrecedes(b.metadata.name.utf8)
        }
    }

    private static func discovered(_ freight: Freight) -> Timestamp? {
        freight.discoveredAt ?? freight.metadata.creationTimestamp
    }

    /// The first eight bytes of SHA-1(name), big-endian: uniform even for names that are not hex.
    private static func seed(_ name: String) -> UInt64 {
        Insecure.SHA1.hash(data: Array(name.utf8)).prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// Pair `index`: consecutive indexes change the adjective first, so a walk past a taken
    /// pair does not keep the same animal.
    private static func pair(_ index: Int) -> String {
        "\(adjectives[index % adjectives.count])-\(animals[index / adjectives.count % animals.count])"
    }

    /// Cheerful adjectives, lowercase ASCII, written for Freightline.
    static let adjectives: [String] = [
        "agile", "amber", "ample", "azure", "balmy", "bashful", "beaming", "bold", "bouncy",
        "brave", "breezy", "bright", "brisk", "bubbly", "busy", "calm", "candid", "cheerful",
        "chipper", "chirpy", "classy", "clever", "cobalt", "coral", "cosmic", "cozy", "crafty",
        "crisp", "curious", "dapper", "daring", "dashing", "dazzling", "deft", "dewy", "dreamy",
        "dusky", "eager", "earnest", "easy", "elated", "epic", "fancy", "fearless", "feisty",
        "fluffy", "fond", "frank", "free", "fresh", "frosty", "funky", "fuzzy", "gallant",
        "gentle", "giddy", "gleaming", "glossy", "glowing", "golden", "graceful", "grand",
        "groovy", "happy", "hardy", "hazy", "hearty", "honest", "hopeful", "humble", "icy",
        "jaunty", "jazzy", "jolly", "jovial", "joyful", "jumpy", "keen", "kind", "limber",
        "lively", "lofty", "loyal", "lucid", "lucky", "lunar", "mellow", "merry", "mighty", "mild",
        "minty", "misty", "modest", "mossy", "nifty", "nimble", "noble", "peppy", "perky",
        "placid", "plucky", "plush", "polite", "proud", "quick", "quiet", "quirky", "radiant",
        "rapid", "rosy", "rustic", "sandy", "savvy", "shiny", "silky", "silver", "sleek", "sleepy",
        "smooth", "snappy", "snug", "sparkly", "speedy", "spry", "sturdy", "sunny", "swift",
        "tidy", "tiny", "trusty", "upbeat", "vivid", "warm", "wavy", "whimsical", "wise", "witty",
        "wonky", "zany", "zesty", "zippy",
    ]

    /// Animals, lowercase ASCII, written for Freightline.
    static let animals: [String] = [
        "aardvark", "albatross", "alpaca", "anteater", "antelope", "armadillo", "badger",
        "barracuda", "beaver", "bison", "bobcat", "bonobo", "buffalo", "butterfly", "camel",
        "capybara", "caribou", "cassowary", "catfish", "chameleon", "cheetah", "chinchilla",
        "chipmunk", "condor", "cormorant", "coyote", "crab", "crane", "cricket", "dingo",
        "dolphin", "donkey", "dormouse", "dove", "dragonfly", "duck", "eagle", "echidna", "egret",
        "elephant", "elk", "emu", "falcon", "ferret", "finch", "flamingo", "fox", "frog",
        "gazelle", "gecko", "gerbil", "gibbon", "giraffe", "gnu", "goat", "goldfish", "goose",
        "gopher", "gorilla", "grouse", "gull", "hamster", "hare", "hawk", "hedgehog", "heron",
        "hippo", "hornet", "horse", "hummingbird", "ibex", "ibis", "iguana", "impala", "jaguar",
        "jellyfish", "kangaroo", "kestrel", "kingfisher", "kiwi", "koala", "kudu", "ladybug",
        "lemming", "lemur", "leopard", "llama", "lobster", "lynx", "macaw", "magpie", "manatee",
        "mandrill", "marmot", "meerkat", "mink", "mole", "mongoose", "moose", "narwhal", "newt",
        "nightingale", "ocelot", "octopus", "okapi", "opossum", "orca", "oryx", "osprey",
        "ostrich", "otter", "owl", "panda", "pangolin", "panther", "parrot", "peacock", "pelican",
        "penguin", "pheasant", "pigeon", "platypus", "puffin", "puma", "quail", "quokka", "rabbit",
        "raccoon", "raven", "reindeer", "robin", "salamander", "seahorse", "seal", "sloth",
        "sparrow", "squid", "squirrel", "starling", "stingray", "stork", "swan", "tapir",
        "tarsier", "tiger", "toucan", "turtle", "wallaby", "walrus", "warthog", "whale", "wolf",
        "wombat", "woodpecker", "yak", "zebra",
    ]
}
