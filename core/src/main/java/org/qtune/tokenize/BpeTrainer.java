package org.qtune.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains a byte-level BPE vocabulary the way Hugging Face's {@code BpeTrainer} does, and writes it as
 * a {@code tokenizer.json} that both {@link BytePairEncoding} and the {@code tokenizers} library
 * read: NFC, Qwen2's split (each digit alone) + ByteLevel, the 256 byte symbols, then merges. Each
 * round merges the most frequent adjacent pair of symbols over the corpus's pieces (ties: the pair
 * whose symbols sort first), until the vocabulary has the asked size. Deterministic: the same texts
 * give the same tokenizer. Written by hand because no Java library trains byte-level BPE; the
 * algorithm is Sennrich et al. (2016) with GPT-2's byte alphabet.
 */
public final class BpeTrainer {
    private static final Pattern SPLIT = Pattern.compile(BytePairEncoding.QWEN2_SPLIT, Pattern.UNICODE_CHARACTER_CLASS);

    private final Map<String, Long> pieces = new HashMap<>();

    /** Adds a text's pieces to the counts. */
    public void add(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFC);
        Matcher m = SPLIT.matcher(t);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                count(t.substring(last, m.start()));
            }
            if (m.end() > m.start()) {
                count(m.group());
            }
            last = m.end();
        }
        if (last < t.length()) {
            count(t.substring(last));
        }
    }

    private void count(String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            s.append(BytePairEncoding.byteSymbol(b & 0xff));
        }
        pieces.merge(s.toString(), 1L, Long::sum);
    }

    /** A trained vocabulary: symbols by id (specials first, then the 256 bytes, then merges) and the merges in order. */
    public record Vocabulary(List<String> specials, List<String> symbols, List<String[]> merges) {
        public int size() {
            return specials.size() + symbols.size();
        }
    }

    /**
     * Merges until the vocabulary holds {@code size} ids (special tokens included), or no pair occurs
     * twice. {@code specials} get the first ids.
     */
    public Vocabulary train(int size, List<String> specials) {
        int minimum = specials.size() + 256;
        if (size < minimum) {
            throw new IllegalArgumentException("a byte-level vocabulary needs at least " + minimum + " ids, got " + size);
        }
        List<String> symbols = new ArrayList<>();
        Map<String, Integer> id = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            String s = String.valueOf(BytePairEncoding.byteSymbol(b));
            id.put(s, symbols.size());
            symbols.add(s);
        }
        // the words in a fixed order (sorted), each as symbol ids, with its count
        TreeMap<String, Long> sorted = new TreeMap<>(pieces);
        int n = sorted.size();
        int[][] words = new int[n][];
        long[] counts = new long[n];
        int w = 0;
        for (Map.Entry<String, Long> e : sorted.entrySet()) {
            String p = e.getKey();
            words[w] = new int[p.length()];
            for (int i = 0; i < p.length(); i++) {
                words[w][i] = id.get(String.valueOf(p.charAt(i)));
            }
            counts[w++] = e.getValue();
        }
        Map<Long, Long> pairs = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int i = 0; i < n; i++) {
            addPairs(words[i], counts[i], i, pairs, where);
        }
        List<String[]> merges = new ArrayList<>();
        int rounds = 0;
        while (specials.size() + symbols.size() < size && rounds++ < 4 * size) {
            long best = -1, bestCount = 1;
            for (Map.Entry<Long, Long> e : pairs.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && best >= 0 && c > 1 && before(e.getKey(), best, symbols))) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best < 0) {
                break;
            }
            int left = (int) (best >>> 32), right = (int) best;
            String text = symbols.get(left) + symbols.get(right);
            // two merge paths can spell the same symbol ("ab"+"c", "a"+"bc"): it keeps its one id
            Integer merged = id.get(text);
            if (merged == null) {
                merged = symbols.size();
                id.put(text, merged);
                symbols.add(text);
            }
            merges.add(new String[] {symbols.get(left), symbols.get(right)});
            for (int i : new ArrayList<>(where.getOrDefault(best, Set.of()))) {
                removePairs(words[i], counts[i], pairs);
                words[i] = merge(words[i], left, right, merged);
                addPairs(words[i], counts[i], i, pairs, where);
            }
            pairs.remove(best);
            where.remove(best);
        }
        return new Vocabulary(List.copyOf(specials), symbols, merges);
    }

    /** Whether pair a sorts before pair b by their symbols' text. */
    private static boolean before(long a, long b, List<String> symbols) {
        int c = symbols.get((int) (a >>> 32)).compareTo(symbols.get((int) (b >>> 32)));
        return c < 0 || (c == 0 && symbols.get((int) a).compareTo(symbols.get((int) b)) < 0);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xffffffffL);
    }

    private static void addPairs(int[] word, long count, int index, Map<Long, Long> pairs, Map<Long, Set<Integer>> where) {
        for (int i = 0; i + 1 < word.length; i++) {
            long k = key(word[i], word[i + 1]);
            pairs.merge(k, count, Long::sum);
            where.computeIfAbsent(k, x -> new HashSet<>()).add(index);
        }
    }

    private static void removePairs(int[] word, long count, Map<Long, Long> pairs) {
        for (int i = 0; i + 1 < word.length; i++) {
            long k = key(word[i], word[i + 1]);
            long left = pairs.merge(k, -count, Long::sum);
            if (left == 0) {
                pairs.remove(k);
            }
        }
    }

    private static int[] merge(int[] word, int left, int right, int merged) {
        int[] out = new int[word.length];
        int n = 0;
        for (int i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] == left && word[i + 1] == right) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = word[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The tokenizer.json of a trained vocabulary (Hugging Face's layout, as its BPE trainer writes it). */
    public static String tokenizerJson(Vocabulary v) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < v.specials().size(); i++) {
            added.addObject().put("id", i).put("content", v.specials().get(i)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putObject("normalizer").put("type", "NFC");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode parts = pre.putArray("pretokenizers");
        ObjectNode split = parts.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", BytePairEncoding.QWEN2_SPLIT);
        split.put("behavior", "Isolated").put("invert", false);
        parts.addObject().put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", false)
                .put("use_regex", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < v.specials().size(); i++) {
            ids.put(v.specials().get(i), i);
        }
        for (int i = 0; i < v.symbols().size(); i++) {
            ids.putIfAbsent(v.symbols().get(i), v.specials().size() + i);
        }
        ids.forEach(vocab::put);
        ArrayNode merges = model.putArray("merges");
        for (String[] m : v.merges()) {
            merges.addArray().add(m[0]).add(m[1]);
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
