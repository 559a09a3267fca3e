package org.qtune.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qtune.spark.testing.OtherSchemeFileSystem;
import org.qtune.spark.testing.SparkTestContext;
import org.qtune.spark.testing.TinyHfDirs;

/** {@code qtune finetune} end to end on a tiny encoder written here: outputs, resume, bad inputs. */
class FinetuneCommandTest {
    @TempDir
    static Path tmp;
    static Path bert;
    static Path qwen;
    static Path train;
    static Path test;

    @BeforeAll
    static void files() throws Exception {
        SparkTestContext.get();
        bert = TinyHfDirs.encoderDir(tmp.resolve("bert"));
        qwen = TinyHfDirs.decoderDir(tmp.resolve("qwen"));
        String[] words = {"the", "cat", "sat", "on", "mat", "hello", "world", "quantum"};
        for (String name : List.of("train", "test")) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < (name.equals("train") ? 60 : 20); i++) {
                int label = i % 2;
                String text = words[i % 5] + " " + words[(i * 3) % 5] + (label == 1 ? " quantum world" : " the mat");
                lines.add("{\"text\": \"" + text + "\", \"label\": " + label + "}");
            }
            Files.write(tmp.resolve(name + ".jsonl"), lines);
        }
        train = tmp.resolve("train.jsonl");
        test = tmp.resolve("test.jsonl");
    }

    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("finetune", "--model", bert.toString(), "--task", "jsonl:" + train,
                "--eval", test.toString(), "--steps", "6", "--batch", "8", "--micro-batch", "4", "--validation-size", "12",
                "--eval-every", "3", "--max-tokens", "16", "--lr", "0.01", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void aLoraRunWritesItsReportCurvesMetricsAndAPeftAdapter() throws Exception {
        Path out = tmp.resolve("run");
        ModelCommandsTest.Run run = ModelCommandsTest.qtune(args(out));
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\n");
        JsonNode r = ModelCommandsTest.JSON.readTree(lines[lines.length - 1]);
        for (String field : List.of("task", "method", "seed", "trainable_parameters", "metric_name", "metric", "train_loss",
                "wall_seconds")) {
            assertTrue(r.has(field), field + " in " + r);
        }
        assertEquals("lora", r.get("method").asText());
        assertEquals("accuracy", r.get("metric_name").asText());
        assertEquals(48, r.get("train_examples").asInt());
        assertEquals(12, r.get("validation_examples").asInt());
        for (String f : List.of("report.json", "report.md", "report.json.provenance.json", "metrics.jsonl", "loss.png",
                "validation.png", "classifier.safetensors", "adapter/adapter_config.json",
                "adapter/adapter_model.safetensors")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(8, metrics.size(), "6 steps and 2 validations: " + metrics);
        assertTrue(metrics.get(3).contains("\"kind\":\"evaluation\""), metrics.get(3));
        JsonNode adapter = ModelCommandsTest.JSON.readTree(out.resolve("adapter/adapter_config.json").toFile());
        assertEquals("LORA", adapter.get("peft_type").asText());
    }

    @Test
    void aRerunAfterLosingTheLastCheckpointResumesToTheSameBits() throws Exception {
        Path a = tmp.resolve("whole"), b = tmp.resolve("resumed");
        ModelCommandsTest.Run first = ModelCommandsTest.qtune(args(a));
        assertEquals(0, first.code(), first.err());
        ModelCommandsTest.Run second = ModelCommandsTest.qtune(args(b, "--partitions", "3"));
        assertEquals(0, second.code(), second.err());
        // as if the driver died after step 3's checkpoint: the later checkpoint and outputs are gone
        Files.delete(b.resolve("checkpoints/checkpoint-000000006.qtck"));
        Files.delete(b.resolve("report.json"));
        ModelCommandsTest.Run again = ModelCommandsTest.qtune(args(b, "--partitions", "1"));
        assertEquals(0, again.code(), again.err());
        List<String> metrics = Files.readAllLines(b.resolve("metrics.jsonl"));
        assertTrue(metrics.get(metrics.size() - 1).contains("\"step\":6"), "resumed and finished: " + metrics);
        assertArrayEquals(Files.readAllBytes(a.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(b.resolve("adapter/adapter_model.safetensors")));
        assertArrayEquals(Files.readAllBytes(a.resolve("classifier.safetensors")),
                Files.readAllBytes(b.resolve("classifier.safetensors")));
        JsonNode ra = ModelCommandsTest.JSON.readTree(a.resolve("report.json").toFile());
        JsonNode rb = ModelCommandsTest.JSON.readTree(b.resolve("report.json").toFile());
        assertEquals(ra.get("train_loss").asDouble(), rb.get("train_loss").asDouble());
        assertEquals(ra.get("metric").asDouble(), rb.get("metric").asDouble());
        assertEquals(Files.readAllLines(a.resolve("metrics.jsonl")).size(),
                Files.readAllLines(b.resolve("metrics.jsonl")).size());
    }

    @Test
    void aBaseModelOnAHadoopPathTrainsToTheSameBitsAsTheLocalDirectory() throws Exception {
        Path a = tmp.resolve("model-local"), b = tmp.resolve("model-remote");
        ModelCommandsTest.Run local = ModelCommandsTest.qtune(args(a));
        assertEquals(0, local.code(), local.err());
        String[] remoteArgs = args(b);
        remoteArgs[2] = OtherSchemeFileSystem.uri(bert);
        ModelCommandsTest.Run remote = ModelCommandsTest.qtune(remoteArgs);
        assertEquals(0, remote.code(), remote.err());
        assertEquals(remoteArgs[2], remote.json().get("model").asText());
        assertArrayEquals(Files.readAllBytes(a.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(b.resolve("adapter/adapter_model.safetensors")));
        assertEquals(local.json().get("train_loss").asDouble(), remote.json().get("train_loss").asDouble());
        String[] missing = args(tmp.resolve("model-missing"));
        missing[2] = OtherSchemeFileSystem.uri(tmp.resolve("no-such-model"));
        ModelCommandsTest.Run refused = ModelCommandsTest.qtune(missing);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("no such directory"), refused.err());
        assertFalse(Files.exists(tmp.resolve("model-missing")));
    }

    @Test
    void anotherRunsCheckpointIsRefused() throws Exception {
        Path out = tmp.resolve("other");
        assertEquals(0, ModelCommandsTest.qtune(args(out)).code());
        Files.delete(out.resolve("checkpoints/checkpoint-000000006.qtck"));
        ModelCommandsTest.Run run = ModelCommandsTest.qtune(args(out, "--seed", "5"));
        assertEquals(2, run.code());
        assertTrue(run.err().contains("checkpoint"), run.err());
        assertEquals(1, run.err().strip().split("\n").length, run.err());
    }

    /** Each step's objective and gradient norm, in order. */
    static List<String> curve(Path out) throws Exception {
        List<String> c = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = ModelCommandsTest.JSON.readTree(line);
            if (n.has("objective")) {
                c.add(n.get("step").asInt() + " " + n.get("objective").asDouble() + " " + n.get("gradient_norm").asDouble());
            }
        }
        return c;
    }

    /** Two curves of the same run computed in different orders: equal up to what six Adam steps make of rounding. */
    private static void assertSameUpToRounding(List<String> a, List<String> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            String[] x = a.get(i).split(" "), y = b.get(i).split(" ");
            assertEquals(Double.parseDouble(x[1]), Double.parseDouble(y[1]), 1e-9, "objective at step " + x[0]);
            assertEquals(Double.parseDouble(x[2]), Double.parseDouble(y[2]), 1e-7, "gradient norm at step " + x[0]);
        }
    }

    /** Runs the same options into one (1 partition) and two (2 partitions); both must succeed. */
    private static ModelCommandsTest.Run runOnOneAndTwoPartitions(Path one, Path two, String... options) throws Exception {
        ModelCommandsTest.Run first = null;
        for (Object[] run : new Object[][] {{one, "1"}, {two, "2"}}) {
            List<String> a = new ArrayList<>(List.of(options));
            a.addAll(List.of("--partitions", (String) run[1]));
            ModelCommandsTest.Run r = ModelCommandsTest.qtune(args((Path) run[0], a.toArray(new String[0])));
            assertEquals(0, r.code(), r.err());
            first = first == null ? r : first;
        }
        return first;
    }

    @Test
    void aQthaRunGivesTheSameCurveOnOneAndTwoPartitionsAndReportsItsParameters() throws Exception {
        Path one = tmp.resolve("qtha-1"), two = tmp.resolve("qtha-2");
        ModelCommandsTest.Run r1 = runOnOneAndTwoPartitions(one, two, SMALL_QTHA);
        assertEquals(6, curve(one).size());
        assertEquals(curve(one), curve(two), "the same steps, bit for bit, on 1 and 2 partitions");
        assertArrayEquals(Files.readAllBytes(one.resolve("classifier.safetensors")),
                Files.readAllBytes(two.resolve("classifier.safetensors")));
        JsonNode r = r1.json();
        assertEquals("qtha", r.get("method").asText());
        // the tiny encoder adapts query and value in each of its layers: 3 qubits x 4 angles x 1 layer each
        int modules = r.get("circuit_parameters").asInt() / 12;
        assertTrue(modules >= 2 && r.get("circuit_parameters").asInt() == 12 * modules, r.toString());
        assertTrue(r.get("mpo_parameters").asInt() > 0 && r.get("adapter_parameters").asInt() > r.get("mpo_parameters")
                .asInt(), r.toString());
        assertTrue(r.get("lora_r8_parameters").asLong() > 0, r.toString());
        double core = r.get("core_seconds").asDouble();
        assertTrue(core > 0, r.toString());
        assertEquals(core * 10 / 3600, r.get("energy_watt_hours").asDouble(), 1e-12);
        String md = Files.readString(one.resolve("report.md"));
        assertTrue(md.contains("| qtha | 0 |") && md.contains("energy (estimate)") && md.contains("circuit angles"), md);
        assertFalse(Files.exists(one.resolve("adapter")), "QTHA's update is not a LoRA pair: no PEFT adapter");
    }

    @Test
    void qthaWithoutTheCircuitExportsItsUpdateAsAPeftLoraAdapter() throws Exception {
        Path out = tmp.resolve("qtha-ab");
        ModelCommandsTest.Run run = ModelCommandsTest.qtune(args(out, "--method", "qtha-ab", "--qubits", "3",
                "--bottleneck", "8", "--mpo-bond", "2"));
        assertEquals(0, run.code(), run.err());
        assertEquals(out.resolve("adapter").toString(), run.json().get("adapter").asText());
        JsonNode config = ModelCommandsTest.JSON.readTree(out.resolve("adapter/adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals(3, config.get("r").asInt(), "AB's update has the rank of its r = 3 inner width");
        assertEquals(3, config.get("lora_alpha").asInt(), "scale 1: s is folded into B");
    }

    /** The tiny QTHA of these tests: 3 qubits, 1 circuit layer, bottleneck 8, bond 2. */
    private static final String[] SMALL_QTHA = {"--method", "qtha", "--qubits", "3", "--circuit-layers", "1",
        "--bottleneck", "8", "--mpo-bond", "2"};

    private static String[] with(String[] base, String... more) {
        List<String> a = new ArrayList<>(List.of(base));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void theParameterShiftRuleTrainsTheSameCurveAsTheAdjoint() throws Exception {
        Path adjoint = tmp.resolve("ps-adjoint"), shift = tmp.resolve("ps-shift");
        ModelCommandsTest.Run a = ModelCommandsTest.qtune(args(adjoint, SMALL_QTHA));
        assertEquals(0, a.code(), a.err());
        ModelCommandsTest.Run s = ModelCommandsTest.qtune(args(shift, with(SMALL_QTHA, "--circuit-gradient",
                "parameter-shift")));
        assertEquals(0, s.code(), s.err());
        // exact rules both: equal up to rounding
        assertSameUpToRounding(curve(adjoint), curve(shift));
        assertEquals("adjoint, exact", a.json().get("circuit_mode").asText());
        assertTrue(s.json().get("circuit_mode").asText().contains("parameter-shift"), s.json().toString());
        assertTrue(Files.readString(shift.resolve("report.md")).contains("parameter-shift"));
    }

    @Test
    void shotTrainingAndShotEvaluationRepeatOnOneAndTwoPartitions() throws Exception {
        Path one = tmp.resolve("shots-1"), two = tmp.resolve("shots-2");
        ModelCommandsTest.Run r1 = runOnOneAndTwoPartitions(one, two, with(SMALL_QTHA, "--circuit-gradient",
                "parameter-shift", "--shots", "200", "--eval-shots", "1000"));
        assertEquals(curve(one), curve(two), "shots are drawn from seeded streams that do not depend on partitions");
        JsonNode r = r1.json(), r2 = ModelCommandsTest.JSON.readTree(two.resolve("report.json").toFile());
        assertEquals(1000, r.get("eval_shots").asInt());
        assertEquals(r.get("shot_test_loss").asDouble(), r2.get("shot_test_loss").asDouble(), 0.0);
        assertEquals(r.get("shot_metric").asDouble(), r2.get("shot_metric").asDouble(), 0.0);
        // 1,000 shots move each circuit output by about 0.03: the loss moves, a little
        double exact = r.get("test_loss").asDouble(), sampled = r.get("shot_test_loss").asDouble();
        assertNotEquals(exact, sampled, "the shot evaluation sampled");
        assertEquals(exact, sampled, 0.1, r.toString());
        for (String line : curve(one)) {
            assertTrue(Double.isFinite(Double.parseDouble(line.split(" ")[1])), line);
        }
        String md = Files.readString(one.resolve("report.md"));
        assertTrue(md.contains("circuits from 1000 shots") && md.contains("200 shots"), md);
    }

    @Test
    void quantumTrainGivesTheSameCurveOnOneAndTwoPartitionsAndExportsItsGeneratedLora() throws Exception {
        Path one = tmp.resolve("qt-1"), two = tmp.resolve("qt-2");
        String[] qt = {"--method", "quantum-train", "--rank", "2", "--chunk", "8", "--circuit-layers", "2",
            "--mapping-width", "6"};
        ModelCommandsTest.Run r1 = runOnOneAndTwoPartitions(one, two, qt);
        assertEquals(curve(one), curve(two), "the same steps, bit for bit, on 1 and 2 partitions");
        assertArrayEquals(Files.readAllBytes(one.resolve("adapter/adapter_model.safetensors")),
                Files.readAllBytes(two.resolve("adapter/adapter_model.safetensors")));
        JsonNode r = r1.json();
        assertEquals("quantum-train", r.get("method").asText());
        assertTrue(r.get("circuit_parameters").asInt() > 0, r.toString());
        // the exported adapter is an ordinary PEFT LoRA directory
        JsonNode config = ModelCommandsTest.JSON.readTree(one.resolve("adapter/adapter_config.json").toFile());
        assertEquals("LORA", config.get("peft_type").asText());
        assertEquals(2, config.get("r").asInt());
        assertTrue(curve(one).get(0).split(" ")[2].equals("0.0") == false, "a gradient at the first step");
        // the generator's state on a distributed state vector: the same run up to rounding
        Path spread = tmp.resolve("qt-spread");
        ModelCommandsTest.Run rs = ModelCommandsTest.qtune(args(spread, with(qt, "--generator-partitions", "2")));
        assertEquals(0, rs.code(), rs.err());
        assertEquals("distributed over 2 partitions", rs.json().get("generator_state").asText());
        assertEquals("on the driver", r1.json().get("generator_state").asText());
        assertSameUpToRounding(curve(one), curve(spread));
    }

    /** select's rows, chosen from finetune's own training split, train a run on exactly those; others are refused. */
    @Test
    void aSelectedSubsetTrainsOnItsRowsAndRowsFromOutsideTheTrainingSplitAreRefused() throws Exception {
        Path subset = tmp.resolve("subset.jsonl");
        ModelCommandsTest.Run sel = ModelCommandsTest.qtune("select", "--data", train.toString(), "--validation-size", "12",
                "--k", "16", "--method", "facility", "--out", subset.toString());
        assertEquals(0, sel.code(), sel.err());
        ModelCommandsTest.Run run = ModelCommandsTest.qtune(args(tmp.resolve("subset-run"), "--train-subset",
                subset.toString()));
        assertEquals(0, run.code(), run.err());
        assertEquals(16, run.json().get("train_examples").asInt());
        // the validation rows are the ones select left out: choosing from the whole file may pick them
        Path whole = tmp.resolve("whole.jsonl");
        assertEquals(0, ModelCommandsTest.qtune("select", "--data", train.toString(), "--k", "60", "--method", "random",
                "--out", whole.toString()).code());
        Path out = tmp.resolve("leak");
        ModelCommandsTest.Run leak = ModelCommandsTest.qtune(args(out, "--train-subset", whole.toString()));
        assertEquals(2, leak.code());
        assertTrue(leak.err().contains("is not one of the task's 48 training examples"), leak.err());
        assertEquals(1, leak.err().strip().split("\n").length, leak.err());
        assertFalse(Files.exists(out), "nothing written");
        // fewer rows than one step takes: refused before anything is written
        Path few = tmp.resolve("few.jsonl");
        Files.write(few, Files.readAllLines(subset).subList(0, 3));
        Path fewOut = tmp.resolve("few-run");
        ModelCommandsTest.Run small = ModelCommandsTest.qtune(args(fewOut, "--train-subset", few.toString()));
        assertEquals(2, small.code());
        assertTrue(small.err().contains("needs at least 5 examples; the data has 3"), small.err());
        assertFalse(Files.exists(fewOut));
    }

    /** Curricula change the curve, and each repeats bit for bit on 1 and 2 partitions. */
    @Test
    void curriculaTrainReproduciblyOnOneAndTwoPartitions() throws Exception {
        Path plainOut = tmp.resolve("plain-curriculum");
        assertEquals(0, ModelCommandsTest.qtune(args(plainOut)).code());
        List<String> plain = curve(plainOut);
        String[][] curricula = {{"--curriculum", "length"}, {"--curriculum", "competence", "--difficulty", "loss",
            "--competence-start", "0.2", "--competence-steps", "4"}};
        for (String[] c : curricula) {
            Path one = tmp.resolve("curriculum-" + c[1] + "-1"), two = tmp.resolve("curriculum-" + c[1] + "-2");
            runOnOneAndTwoPartitions(one, two, c);
            assertEquals(6, curve(one).size());
            assertEquals(curve(one), curve(two), c[1] + ": the same steps, bit for bit, on 1 and 2 partitions");
            assertFalse(curve(one).equals(plain), c[1] + " changes which examples the steps see");
        }
        ModelCommandsTest.Run bad = ModelCommandsTest.qtune(args(tmp.resolve("bad-curriculum"), "--difficulty", "loss"));
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--difficulty applies to --curriculum competence only"), bad.err());
    }

    @Test
    void theUnadaptedBaselineTrainsNothing() throws Exception {
        Path out = tmp.resolve("none");
        ModelCommandsTest.Run run = ModelCommandsTest.qtune(args(out, "--method", "none"));
        assertEquals(0, run.code(), run.err());
        JsonNode r = run.json();
        assertEquals(0, r.get("trainable_parameters").asInt());
        assertEquals(0, r.get("steps").asInt());
        assertFalse(Files.exists(out.resolve("adapter")));
    }

    @Test
    void badInputsExitTwoWithOneLine() throws Exception {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": \"spam\"}\n");
        Map<String[], String> cases = new LinkedHashMap<>();
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "jsonl:" + train, "--out",
                tmp.resolve("o1").toString()}, "--eval");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "jsonl:" + tmp.resolve("nope.jsonl"),
                "--eval", test.toString(), "--out", tmp.resolve("o2").toString()}, "no such file");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "jsonl:" + bad, "--eval",
                test.toString(), "--out", tmp.resolve("o3").toString()}, "bad.jsonl:2: \"label\" must be an integer");
        cases.put(new String[] {"finetune", "--model", qwen.toString(), "--task", "arithmetic", "--method", "head-only",
                "--out", tmp.resolve("o4").toString()}, "head-only");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "arithmetic", "--out",
                tmp.resolve("o5").toString()}, "needs a decoder");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "spam-assassin", "--data-dir",
                tmp.resolve("empty").toString(), "--out", tmp.resolve("o6").toString()}, "run qtune data spam-assassin");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "mnist", "--out",
                tmp.resolve("o7").toString()}, "--task must be");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "arithmetic", "--batch", "6",
                "--micro-batch", "4", "--out", tmp.resolve("o8").toString()}, "multiple of --micro-batch");
        cases.put(args(tmp.resolve("o9"), "--train-size", "500"), "--train-size 500");
        cases.put(args(tmp.resolve("o10"), "--method", "qlora"), "--method qlora");
        cases.put(args(tmp.resolve("o11"), "--rank", "1000000"), "needs about");
        cases.put(args(tmp.resolve("o17"), "--method", "qtha", "--qubits", "13"), "--qubits");
        cases.put(args(tmp.resolve("o18"), "--method", "qtha-bc", "--circuit-layers", "0"), "--circuit-layers");
        cases.put(args(tmp.resolve("o19"), "--method", "qtha", "--mpo-bond", "0"), "--mpo-bond");
        cases.put(args(tmp.resolve("o20"), "--method", "qtha", "--targets", "gate"), "matches no linear layer");
        cases.put(args(tmp.resolve("o21"), "--method", "quantum-train", "--chunk", "0"), "--chunk");
        cases.put(args(tmp.resolve("o22"), with(SMALL_QTHA, "--shots", "100")), "needs --circuit-gradient parameter-shift");
        cases.put(args(tmp.resolve("o23"), "--eval-shots", "100"), "not lora");
        cases.put(args(tmp.resolve("o24"), with(SMALL_QTHA, "--circuit-gradient", "finite-difference")),
                "--circuit-gradient must be adjoint or parameter-shift");
        cases.put(args(tmp.resolve("o25"), with(SMALL_QTHA, "--eval-shots", "-1")), "--eval-shots");
        cases.put(args(tmp.resolve("o27"), "--method", "quantum-train", "--generator-partitions", "3"),
                "--generator-partitions must be 0 (the driver) or a power of two");
        cases.put(args(tmp.resolve("o28"), "--generator-partitions", "2"), "--generator-partitions is for quantum-train");
        cases.put(args(tmp.resolve("o29"), "--method", "quantum-train", "--generator-partitions", "1024"),
                "--generator-partitions 0");
        cases.put(args(tmp.resolve("o26"), "--method", "qtha-ab", "--circuit-gradient", "parameter-shift"),
                "not qtha-ab");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "jsonl:" + train, "--eval",
                test.toString(), "--batch", "1000000000", "--micro-batch", "1000000000", "--out",
                tmp.resolve("o12").toString()}, "needs about");
        cases.put(args(tmp.resolve("o13"), "--clip-norm", "Infinity"), "--clip-norm must be a finite number");
        cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "jsonl:" + train, "--eval",
                test.toString(), "--lr", "NaN", "--out", tmp.resolve("o14").toString()}, "--learning-rate must be a finite");
        cases.put(new String[] {"finetune", "--model", qwen.toString(), "--task", "arithmetic", "--train-size",
                "2000000000", "--out", tmp.resolve("o15").toString()}, "at most 1000000");
        Path fifo = tmp.resolve("fifo");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            cases.put(new String[] {"finetune", "--model", bert.toString(), "--task", "jsonl:" + train, "--eval",
                    fifo.toString(), "--out", tmp.resolve("o16").toString()}, "not a regular file or a directory");
            cases.put(args(fifo), "is not a directory");
        }
        for (Map.Entry<String[], String> c : cases.entrySet()) {
            ModelCommandsTest.Run run = ModelCommandsTest.qtune(c.getKey());
            String what = String.join(" ", c.getKey());
            assertEquals(2, run.code(), what + "\n" + run.err());
            assertTrue(run.err().contains(c.getValue()), what + "\n" + run.err());
            assertEquals(1, run.err().strip().split("\n").length, what + "\n" + run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
        for (int i = 1; i <= 29; i++) {
            assertFalse(Files.exists(tmp.resolve("o" + i)), "a refused run left its --out o" + i);
        }
    }
}
