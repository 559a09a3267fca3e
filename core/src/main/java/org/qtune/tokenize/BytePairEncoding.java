package org.qtune.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level BPE as a Hugging Face {@code tokenizer.json} of the GPT-2 / Qwen2 family describes it,
 * giving the reference {@code tokenizers} library's ids: special tokens ({@code <|im_start|>}, ...)
 * kept whole in the raw text; the rest NFC-normalized (when the file says so), split by the
 * pre-tokenizer's regex (matches and the text between them each a piece, "Isolated"), each piece's
 * UTF-8 bytes mapped to the byte-level alphabet (bytes that print as themselves stay, the others move
 * to U+0100 and up, GPT-2's table), then merged pairwise, lowest merge rank first (all its
 * occurrences, left to right), until no listed merge applies; each symbol is one vocabulary id.
 * Immutable and thread-safe.
 */
public final class BytePairEncoding implements Tokenizer {
    /**
     * Qwen2's split regex (each digit its own piece, so numbers are read digit by digit), used with
     * a Split + ByteLevel pre-tokenizer.
     */
    static final String QWEN2_SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    /** The split regex GPT-2's ByteLevel pre-tokenizer uses when it splits by itself. */
    static final String GPT2_SPLIT = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";
    private static final char[] BYTE_TO_CHAR = byteAlphabet();
    private static final int[] CHAR_TO_BYTE = inverse(BYTE_TO_CHAR);

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> ranks;
    private final Map<String, Integer> specials;
    private final Pattern split;
    private final boolean nfc;

    private BytePairEncoding(JsonNode root, String source) {
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText())) {
            throw new IllegalArgumentException(source + ": model type is '" + model.path("type").asText() + "', not BPE");
        }
        vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        ranks = new HashMap<>();
        int rank = 0;
        for (JsonNode m : model.path("merges")) {
            String left, right;
            if (m.isArray() && m.size() == 2) {
                left = m.get(0).asText();
                right = m.get(1).asText();
            } else {
                String[] parts = m.asText().split(" ", 2);
                if (parts.length != 2) {
                    throw new IllegalArgumentException(source + ": merge " + rank + " is not a pair: " + m);
                }
                left = parts[0];
                right = parts[1];
            }
            ranks.putIfAbsent(left + '\u0000' + right, rank++);
        }
        String normalizer = root.path("normalizer").path("type").asText("");
        if (!normalizer.isEmpty() && !normalizer.equals("NFC")) {
            throw new IllegalArgumentException(source + ": normalizer '" + normalizer + "' is not supported (NFC or none)");
        }
        nfc = normalizer.equals("NFC");
        split = Pattern.compile(splitRegex(root.path("pre_tokenizer"), source), Pattern.UNICODE_CHARACTER_CLASS);
        specials = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            specials.put(t.path("content").asText(), t.path("id").asInt());
        }
        for (char c : BYTE_TO_CHAR) {
            if (!vocab.containsKey(String.valueOf(c))) {
                throw new IllegalArgumentException(source + ": the vocabulary lacks the byte-level symbol U+"
                        + Integer.toHexString(c) + " (not a byte-level BPE without unknown tokens)");
            }
        }
    }

    /** The split regex: Qwen2's Split(regex, Isolated) before ByteLevel(use_regex=false), or GPT-2's. */
    private static String splitRegex(JsonNode pre, String source) {
        if (pre.path("type").asText().equals("ByteLevel")) {
            if (!pre.path("use_regex").asBoolean(true) || pre.path("add_prefix_space").asBoolean(false)) {
                throw new IllegalArgumentException(source + ": a ByteLevel pre-tokenizer is supported with use_regex and "
                        + "without add_prefix_space");
            }
            return GPT2_SPLIT;
        }
        if (pre.path("type").asText().equals("Sequence")) {
            JsonNode parts = pre.path("pretokenizers");
            if (parts.size() == 2 && parts.get(0).path("type").asText().equals("Split")
                    && parts.get(0).path("behavior").asText().equals("Isolated") && !parts.get(0).path("invert").asBoolean()
                    && parts.get(0).path("pattern").has("Regex") && parts.get(1).path("type").asText().equals("ByteLevel")
                    && !parts.get(1).path("use_regex").asBoolean(true) && !parts.get(1).path("add_prefix_space").asBoolean()) {
                return parts.get(0).path("pattern").path("Regex").asText();
            }
        }
        throw new IllegalArgumentException(source + ": pre-tokenizer " + pre + " is not a byte-level one qtune reads "
                + "(GPT-2's ByteLevel, or Qwen2's Split + ByteLevel)");
    }

    public static BytePairEncoding read(InputStream json, String source) throws IOException {
        return new BytePairEncoding(new ObjectMapper().readTree(json), source);
    }

    @Override
    public String decode(int[] ids) {
        if (tokens == null) {
            String[] t = new String[Math.max(maxId(vocab), maxId(specials)) + 1];
            vocab.forEach((k, v) -> t[v] = k);
            specials.forEach((k, v) -> t[v] = "\u0000" + k);
            tokens = t;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            String t = id >= 0 && id < tokens.length ? tokens[id] : null;
            if (t == null) {
                throw new IllegalArgumentException("token id " + id + " is not in the vocabulary");
            }
            if (t.startsWith("\u0000")) {
                bytes.writeBytes(t.substring(1).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            for (int i = 0; i < t.length(); i++) {
                int b = CHAR_TO_BYTE[t.charAt(i)];
                if (b < 0) {
                    throw new IllegalArgumentException("token " + id + " holds a character outside the byte alphabet");
                }
                bytes.write(b);
            }
        }
        // Invalid UTF-8 (a character cut between tokens) decodes to U+FFFD, as the reference does.
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private volatile String[] tokens;

    private static int maxId(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
    }

    @Override
    public int vocabularySize() {
        return vocab.size() + (int) specials.keySet().stream().filter(s -> !vocab.containsKey(s)).count();
    }

    /** The ids of a text (no special tokens added). */
    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        SpecialTokens.split(text, specials, ids, this::pieces);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void pieces(String raw, List<Integer> out) {
        if (raw.isEmpty()) {
            return;
        }
        String text = nfc ? Normalizer.normalize(raw, Normalizer.Form.NFC) : raw;
        Matcher m = split.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                bpe(text.substring(last, m.start()), out);
            }
            if (m.end() > m.start()) {
                bpe(m.group(), out);
            }
            last = m.end();
        }
        if (last < text.length()) {
            bpe(text.substring(last), out);
        }
    }

    private void bpe(String piece, List<Integer> out) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        List<String> symbols = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            symbols.add(String.valueOf(BYTE_TO_CHAR[b & 0xff]));
        }
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            String left = null, right = null;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = ranks.get(symbols.get(i) + '\u0000' + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    left = symbols.get(i);
                    right = symbols.get(i + 1);
                }
            }
            if (left == null) {
                break;
            }
            List<String> merged = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                    merged.add(left + right);
                    i++;
                } else {
                    merged.add(symbols.get(i));
                }
            }
            symbols = merged;
        }
        for (String s : symbols) {
            Integer id = vocab.get(s);
            if (id == null) {
                throw new IllegalStateException("symbol '" + s + "' has no id (merges without their result in the vocabulary)");
            }
            out.add(id);
        }
    }

    /**
     * GPT-2's byte-level alphabet: the bytes that print as themselves ('!'..'~', '¡'..'¬', '®'..'ÿ')
     * keep their code point; the other 68 bytes map to U+0100, U+0101, ... in byte order.
     */
    private static int[] inverse(char[] alphabet) {
        int[] inv = new int[65536];
        java.util.Arrays.fill(inv, -1);
        for (int b = 0; b < 256; b++) {
            inv[alphabet[b]] = b;
        }
        return inv;
    }

    /** The byte-level symbol of byte {@code b} (0..255). */
    static char byteSymbol(int b) {
        return BYTE_TO_CHAR[b];
    }

    private static char[] byteAlphabet() {
        char[] map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char) b : (char) next++;
        }
        return map;
    }
}
