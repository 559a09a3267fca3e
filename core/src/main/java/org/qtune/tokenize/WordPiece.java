package org.qtune.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BERT's WordPiece tokenizer as a Hugging Face {@code tokenizer.json} describes it (normalizer
 * {@code BertNormalizer}, pre-tokenizer {@code BertPreTokenizer}, model {@code WordPiece}, the
 * {@code [CLS] A [SEP]} template), giving the ids the reference {@code tokenizers} library gives.
 * Steps, as the reference runs them: special tokens in the raw text ({@code [CLS]}, {@code [MASK]},
 * ...) are kept whole; the rest is cleaned (NUL, U+FFFD and other control or unassigned characters
 * dropped, every Unicode white space becomes a space), CJK ideographs get spaces around them, accents
 * are stripped (NFD, then nonspacing marks dropped) and the text lower-cased; it is split at white
 * space and around every punctuation character; each word becomes the longest vocabulary entries
 * from its start, later pieces with the {@code ##} prefix, or {@code [UNK]} when a piece cannot be
 * found or the word is longer than {@code max_input_chars_per_word}. Immutable and thread-safe.
 */
public final class WordPiece implements Tokenizer {
    /** The resource name of all-MiniLM-L6-v2's tokenizer in its Maven Central jar. */
    public static final String MINILM_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private final Map<String, Integer> vocab;
    private final Map<String, Integer> specials;
    private final String unk;
    private final String prefix;
    private final int maxCharsPerWord;
    private final boolean lowercase, stripAccents, cleanText, chineseChars;
    private final int cls, sep;

    private WordPiece(JsonNode root, String source) {
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IllegalArgumentException(source + ": model type is '" + model.path("type").asText()
                    + "', not WordPiece");
        }
        vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        if (vocab.isEmpty()) {
            throw new IllegalArgumentException(source + ": the WordPiece vocabulary is empty");
        }
        unk = model.path("unk_token").asText("[UNK]");
        prefix = model.path("continuing_subword_prefix").asText("##");
        maxCharsPerWord = model.path("max_input_chars_per_word").asInt(100);
        JsonNode n = root.path("normalizer");
        if (!n.isMissingNode() && !n.isNull() && !"BertNormalizer".equals(n.path("type").asText())) {
            throw new IllegalArgumentException(source + ": normalizer '" + n.path("type").asText()
                    + "' is not BertNormalizer");
        }
        cleanText = n.path("clean_text").asBoolean(true);
        chineseChars = n.path("handle_chinese_chars").asBoolean(true);
        lowercase = n.path("lowercase").asBoolean(true);
        stripAccents = n.path("strip_accents").isBoolean() ? n.path("strip_accents").asBoolean() : lowercase;
        specials = new HashMap<>();
        for (JsonNode t : root.path("added_tokens")) {
            if (t.path("special").asBoolean()) {
                specials.put(t.path("content").asText(), t.path("id").asInt());
            }
        }
        cls = id("[CLS]", source);
        sep = id("[SEP]", source);
        if (!vocab.containsKey(unk)) {
            throw new IllegalArgumentException(source + ": the unknown token " + unk + " is not in the vocabulary");
        }
    }

    private int id(String token, String source) {
        Integer i = specials.containsKey(token) ? specials.get(token) : vocab.get(token);
        if (i == null) {
            throw new IllegalArgumentException(source + ": no " + token + " token");
        }
        return i;
    }

    /** Reads a tokenizer.json; anything but a BERT WordPiece tokenizer is an IllegalArgumentException. */
    public static WordPiece read(InputStream json, String source) throws IOException {
        return new WordPiece(new ObjectMapper().readTree(json), source);
    }

    /** all-MiniLM-L6-v2's tokenizer, from its jar on the class path. */
    public static WordPiece miniLm() throws IOException {
        try (InputStream in = WordPiece.class.getResourceAsStream(MINILM_RESOURCE)) {
            if (in == null) {
                throw new IOException("no " + MINILM_RESOURCE + " on the class path (the all-MiniLM-L6-v2 jar)");
            }
            return read(in, MINILM_RESOURCE);
        }
    }

    /**
     * A BERT tokenizer from a {@code vocab.txt} (one token per line, id = line number) and whether it
     * lowercases (tokenizer_config.json's do_lower_case): what BertTokenizerFast builds from the same files.
     */
    public static WordPiece fromVocab(List<String> lines, boolean lowercase, String source) {
        com.fasterxml.jackson.databind.node.ObjectNode root = new ObjectMapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece");
        com.fasterxml.jackson.databind.node.ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < lines.size(); i++) {
            String token = lines.get(i).strip();
            if (!token.isEmpty() && !vocab.has(token)) {
                vocab.put(token, i);
            }
        }
        root.putObject("normalizer").put("type", "BertNormalizer").put("lowercase", lowercase);
        com.fasterxml.jackson.databind.node.ArrayNode added = root.putArray("added_tokens");
        for (String special : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
            if (vocab.has(special)) {
                added.addObject().put("content", special).put("id", vocab.get(special).asInt()).put("special", true);
            }
        }
        return new WordPiece(root, source);
    }

    @Override
    public String decode(int[] ids) {
        if (tokens == null) {
            String[] t = new String[vocab.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1];
            vocab.forEach((k, v) -> t[v] = k);
            tokens = t;
        }
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            String t = id >= 0 && id < tokens.length ? tokens[id] : null;
            if (t == null) {
                throw new IllegalArgumentException("token id " + id + " is not in the vocabulary");
            }
            if (t.startsWith(prefix)) {
                out.append(t, prefix.length(), t.length());
            } else {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(t);
            }
        }
        return out.toString();
    }

    private volatile String[] tokens;

    @Override
    public int vocabularySize() {
        return vocab.size();
    }

    /** The ids of one text with {@code [CLS]} first and {@code [SEP]} last, no truncation or padding. */
    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(cls);
        encodeInto(text, ids);
        ids.add(sep);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * As {@link #encode}, truncated to {@code maxLength} ids (the text's pieces cut at the right,
     * {@code [SEP]} kept last).
     */
    public int[] encode(String text, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("maxLength must be >= 2, got " + maxLength);
        }
        int[] all = encode(text);
        if (all.length <= maxLength) {
            return all;
        }
        int[] out = java.util.Arrays.copyOf(all, maxLength);
        out[maxLength - 1] = sep;
        return out;
    }

    /** The ids of a text without special tokens around it. */
    public List<Integer> pieces(String text) {
        List<Integer> ids = new ArrayList<>();
        encodeInto(text, ids);
        return ids;
    }

    private void encodeInto(String text, List<Integer> out) {
        SpecialTokens.split(text, specials, out, this::words);
    }

    private void words(String raw, List<Integer> out) {
        String text = normalize(raw);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(word, out);
            } else if (isPunctuation(cp)) {
                flush(word, out);
                word.appendCodePoint(cp);
                flush(word, out);
            } else {
                word.appendCodePoint(cp);
            }
        }
        flush(word, out);
    }

    private void flush(StringBuilder word, List<Integer> out) {
        if (word.length() > 0) {
            wordPiece(word.toString(), out);
            word.setLength(0);
        }
    }

    /** Greedy longest match from the start; a word with a piece not in the vocabulary is one [UNK]. */
    private void wordPiece(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(vocab.get(unk));
            return;
        }
        List<Integer> pieces = new ArrayList<>();
        int start = 0;
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = (start > 0 ? prefix : "") + word.substring(start, end);
                found = vocab.get(piece);
                if (found != null) {
                    break;
                }
                end = word.offsetByCodePoints(end, -1);
            }
            if (found == null) {
                out.add(vocab.get(unk));
                return;
            }
            pieces.add(found);
            start = end;
        }
        out.addAll(pieces);
    }

    private String normalize(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    continue;
                }
                if (isWhitespace(cp)) {
                    b.append(' ');
                    continue;
                }
            }
            if (chineseChars && isChinese(cp)) {
                b.append(' ').appendCodePoint(cp).append(' ');
            } else {
                b.appendCodePoint(cp);
            }
        }
        String t = b.toString();
        if (stripAccents) {
            String d = Normalizer.normalize(t, Normalizer.Form.NFD);
            StringBuilder c = new StringBuilder(d.length());
            for (int i = 0; i < d.length(); ) {
                int cp = d.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                    c.appendCodePoint(cp);
                }
            }
            t = c.toString();
        }
        return lowercase ? t.toLowerCase(Locale.ROOT) : t;
    }

    /** Unicode's White_Space property (what the reference's {@code char::is_whitespace} tests). */
    static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
                || cp == 0x3000;
    }

    /** Unicode's "other" categories (Cc, Cf, Cs, Co, Cn), tab, newline and carriage return excepted. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.SURROGATE
                || t == Character.PRIVATE_USE || t == Character.UNASSIGNED;
    }

    /** ASCII punctuation, or any character of a Unicode punctuation category (P*). */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.CONNECTOR_PUNCTUATION || t == Character.DASH_PUNCTUATION
                || t == Character.START_PUNCTUATION || t == Character.END_PUNCTUATION
                || t == Character.INITIAL_QUOTE_PUNCTUATION || t == Character.FINAL_QUOTE_PUNCTUATION
                || t == Character.OTHER_PUNCTUATION;
    }

    /** The CJK Unified Ideograph blocks BERT pads with spaces. */
    static boolean isChinese(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
