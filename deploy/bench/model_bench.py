"""PyTorch + PEFT side of qtune's model benchmark (`qtune bench --model minilm|qwen2`): the same
shapes, loss and LoRA, forward + backward steps timed one by one after warm-up, float32 on the CPU
with the given number of threads. Prints one JSON object. Random weights (speed does not depend on
them); no model hub needed.

    /tmp/hfenv/bin/python model_bench.py --model minilm --threads 2 --batch 16 --length 128 --rank 8

Environment (PyPI's torch wheel; there is no CPU-only wheel on PyPI for Linux x86_64):
    python3.11 -m venv /tmp/hfenv
    /tmp/hfenv/bin/pip install torch==2.15.0 transformers==5.25.0 peft==0.21.2
"""
import argparse
import json
import statistics
import time

import torch
import transformers
import peft

p = argparse.ArgumentParser()
p.add_argument("--model", choices=["minilm", "qwen2"], required=True)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--batch", type=int, default=None)
p.add_argument("--length", type=int, default=128)
p.add_argument("--rank", type=int, default=8)
p.add_argument("--warmup", type=int, default=2)
p.add_argument("--steps", type=int, default=5)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(1)
batch = a.batch or (16 if a.model == "minilm" else 4)

if a.model == "minilm":
    cfg = transformers.BertConfig(vocab_size=30522, hidden_size=384, num_hidden_layers=6, num_attention_heads=12,
                                  intermediate_size=1536, max_position_embeddings=512, hidden_dropout_prob=0.0,
                                  attention_probs_dropout_prob=0.0)
    base = transformers.BertModel(cfg, add_pooling_layer=False)
    targets = ["query", "value"]
else:
    # qtune's ModelBenchmark.QWEN2_SHAPE: Qwen2.5-0.5B's layer widths, 4 layers, vocabulary 8192
    cfg = transformers.Qwen2Config(vocab_size=8192, hidden_size=896, intermediate_size=4864, num_hidden_layers=4,
                                   num_attention_heads=14, num_key_value_heads=2, max_position_embeddings=4096,
                                   rope_theta=1e6, rms_norm_eps=1e-6, tie_word_embeddings=True)
    base = transformers.Qwen2ForCausalLM(cfg)
    targets = ["q_proj", "v_proj"]
base = base.float()
model = peft.get_peft_model(base, peft.LoraConfig(r=a.rank, lora_alpha=2 * a.rank, lora_dropout=0.0,
                                                  target_modules=targets))
head = torch.nn.Linear(384, 2) if a.model == "minilm" else None
ids = torch.randint(1000, cfg.vocab_size, (batch, a.length))
mask = torch.ones_like(ids)
labels = torch.randint(0, 2, (batch,))


def step():
    model.zero_grad(set_to_none=True)
    if head is not None:
        head.zero_grad(set_to_none=True)
        h = model(input_ids=ids, attention_mask=mask).last_hidden_state
        pooled = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
        loss = torch.nn.functional.cross_entropy(head(pooled), labels)
    else:
        loss = model(input_ids=ids, attention_mask=mask, labels=ids).loss
    loss.backward()
    return loss.item()


for _ in range(a.warmup):
    step()
seconds = []
for _ in range(a.steps):
    t0 = time.perf_counter()
    loss = step()
    seconds.append(time.perf_counter() - t0)
median = statistics.median(seconds)
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(json.dumps({"framework": "pytorch", "torch": torch.__version__, "transformers": transformers.__version__,
                  "peft": peft.__version__, "attention": model.config._attn_implementation, "threads": a.threads,
                  "model": a.model, "batch": batch, "length": a.length, "rank": a.rank, "trainable": trainable,
                  "median_seconds": median, "min_seconds": min(seconds),
                  "tokens_per_second": batch * a.length / median, "loss": loss,
                  "blas": torch.backends.mkldnn.is_available() and "mkldnn/" + torch.__config__.show().split("BLAS_INFO=")[1].split(",")[0]
                  if "BLAS_INFO=" in torch.__config__.show() else "unknown"}))
