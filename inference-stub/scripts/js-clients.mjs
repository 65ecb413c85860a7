// The official JavaScript clients (openai, ollama, @anthropic-ai/sdk) against `inference stub`,
// as a user's test in another language would drive it: start the stub, script replies with
// POST /_stub/replies, call, check what the client returns, read GET /_stub/requests.
// Not in CI. Run: cd inference-stub/scripts && npm install && node js-clients.mjs
// INFERENCE="cmd ..." runs another command instead of the checkout's ./inference.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import assert from "node:assert/strict";
import OpenAI from "openai";
import { Ollama } from "ollama";
import Anthropic from "@anthropic-ai/sdk";

const root = new URL("../../", import.meta.url).pathname;
const command = (process.env.INFERENCE ?? `${root}inference`).split(" ");

/** Starts `inference stub --dialect D` and resolves with its JSON line and a stop function. */
function startStub(dialect) {
  const child = spawn(command[0], [...command.slice(1), "stub", "--dialect", dialect, "--exit-on-eof"], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    createInterface({ input: child.stdout }).once("line", (line) =>
      resolve({ ...JSON.parse(line), stop: () => child.stdin.end() }),
    );
  });
}

async function script(stub, replies) {
  const response = await fetch(`${stub.base_url}/_stub/replies`, {
    method: "POST",
    body: JSON.stringify(replies),
  });
  assert.equal(response.status, 200);
}

let passed = 0;
async function check(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok   ${name}`);
  } catch (error) {
    console.log(`FAIL ${name}: ${error.stack ?? error}`);
    process.exitCode = 1;
  }
}

async function openai() {
  const stub = await startStub("openai");
  const client = new OpenAI({ baseURL: `${stub.base_url}/v1`, apiKey: "sk-test", maxRetries: 0 });
  try {
    await check("openai: a completion has every field and a request id", async () => {
      const { data, request_id } = await client.chat.completions
        .create({ model: "gpt-x", messages: [{ role: "user", content: "hi you" }] })
        .withResponse();
      assert.match(request_id, /^req_/);
      assert.match(data.id, /^chatcmpl-/);
      const [choice] = data.choices;
      assert.equal(choice.message.content, "Stub answer to: hi you");
      assert.equal(choice.message.refusal, null);
      assert.deepEqual(choice.message.annotations, []);
      assert.equal(choice.logprobs, null);
      assert.equal(data.usage.prompt_tokens_details.cached_tokens, 0);
      assert.equal(data.system_fingerprint, "fp_stub");
    });
    await check("openai: a stream with usage ends with the usage chunk", async () => {
      await script(stub, { type: "stream", deltas: ["Hel", "lo"] });
      const stream = await client.chat.completions.create({
        model: "gpt-x",
        messages: [{ role: "user", content: "hi" }],
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = "";
      const chunks = [];
      for await (const chunk of stream) {
        chunks.push(chunk);
        text += chunk.choices[0]?.delta?.content ?? "";
      }
      assert.equal(text, "Hello");
      assert.equal(chunks[0].choices[0].delta.refusal, null);
      assert.equal(chunks[1].usage, null);
      assert.deepEqual(chunks.at(-1).choices, []);
      assert.equal(chunks.at(-1).usage.completion_tokens, 2);
    });
    await check("openai: tool calls, whole and streamed", async () => {
      const call = { id: "call_1", name: "get_weather", arguments: { city: "Paris" } };
      await script(stub, [{ type: "tool_calls", calls: [call] }, { type: "tool_calls", calls: [call] }]);
      const request = { model: "gpt-x", messages: [{ role: "user", content: "weather?" }] };
      const whole = await client.chat.completions.create(request);
      assert.equal(whole.choices[0].finish_reason, "tool_calls");
      assert.equal(whole.choices[0].message.tool_calls[0].function.arguments, '{"city":"Paris"}');
      const runner = client.chat.completions.stream({ ...request, stream: true });
      const final = await runner.finalChatCompletion();
      assert.equal(final.choices[0].message.tool_calls[0].function.name, "get_weather");
    });
    await check("openai: json_schema gets the schema's keys, text mode gets text", async () => {
      const schema = { type: "object", properties: { city: { type: "string" }, n: { type: "integer" } }, required: ["city", "n"] };
      const json = await client.chat.completions.create({
        model: "gpt-x",
        messages: [{ role: "user", content: "two words" }],
        response_format: { type: "json_schema", json_schema: { name: "w", schema } },
      });
      assert.deepEqual(Object.keys(JSON.parse(json.choices[0].message.content)), ["city", "n"]);
      const text = await client.chat.completions.create({
        model: "gpt-x",
        messages: [{ role: "user", content: "two words" }],
        response_format: { type: "text" },
      });
      assert.equal(text.choices[0].message.content, "Stub answer to: two words");
    });
    await check("openai: errors carry status, type, code and request id", async () => {
      await script(stub, { type: "error", status: 429, message: "Rate limit reached" });
      const error = await client.chat.completions
        .create({ model: "gpt-x", messages: [{ role: "user", content: "x" }] })
        .catch((e) => e);
      assert.ok(error instanceof OpenAI.RateLimitError, String(error));
      assert.equal(error.code, "rate_limit_exceeded");
      assert.equal(error.type, "requests");
      assert.match(error.requestID, /^req_/);
    });
    await check("openai: models listed and retrieved", async () => {
      const models = [];
      for await (const model of client.models.list()) models.push(model.id);
      assert.deepEqual(models, ["stub-model"]);
      assert.equal((await client.models.retrieve("stub-model")).owned_by, "stub");
      const missing = await client.models.retrieve("nope").catch((e) => e);
      assert.ok(missing instanceof OpenAI.NotFoundError);
    });
  } finally {
    stub.stop();
  }
}

async function ollama() {
  const stub = await startStub("ollama");
  const client = new Ollama({ host: stub.base_url });
  try {
    await check("ollama: chat whole and streamed", async () => {
      const whole = await client.chat({ model: "stub-model", messages: [{ role: "user", content: "hi you" }] });
      assert.equal(whole.message.content, "Stub answer to: hi you");
      assert.equal(whole.eval_count, 5);
      await script(stub, { type: "stream", deltas: ["Hel", "lo"], reasoning: "hmm" });
      let text = "";
      let thinking = "";
      for await (const part of await client.chat({ model: "stub-model", messages: [{ role: "user", content: "hi" }], stream: true })) {
        text += part.message.content;
        thinking += part.message.thinking ?? "";
      }
      assert.equal(text, "Hello");
      assert.equal(thinking, "hmm");
    });
    await check("ollama: generate, tool calls and format", async () => {
      const generated = await client.generate({ model: "stub-model", prompt: "hi you" });
      assert.equal(generated.response, "Stub answer to: hi you");
      await script(stub, { type: "tool_calls", calls: [{ name: "get_weather", arguments: { city: "Paris" } }] });
      const called = await client.chat({ model: "stub-model", messages: [{ role: "user", content: "weather?" }] });
      assert.deepEqual(called.message.tool_calls[0].function.arguments, { city: "Paris" });
      const json = await client.chat({ model: "stub-model", format: "json", messages: [{ role: "user", content: "two words" }] });
      assert.equal(JSON.parse(json.message.content).words, 2);
      const none = await client.chat({ model: "stub-model", format: "", messages: [{ role: "user", content: "two words" }] });
      assert.equal(none.message.content, "Stub answer to: two words");
    });
    await check("ollama: list, show, ps, pull", async () => {
      const { models } = await client.list();
      assert.deepEqual(models[0].details.families, ["stub"]);
      const shown = await client.show({ model: "stub-model" });
      assert.equal(shown.model_info["general.architecture"], "stub");
      assert.ok(shown.template && shown.modified_at);
      assert.equal((await client.ps()).models.length, 1);
      const statuses = [];
      for await (const progress of await client.pull({ model: "phi4", stream: true })) statuses.push(progress);
      assert.equal(statuses[1].completed, undefined);
      assert.equal(statuses.at(-1).status, "success");
    });
    await check("ollama: an error shows its message", async () => {
      await script(stub, { type: "error", status: 404, message: "model 'nope' not found" });
      const error = await client.chat({ model: "nope", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
      assert.equal(error.message, "model 'nope' not found");
      assert.equal(error.status_code, 404);
    });
  } finally {
    stub.stop();
  }
}

async function anthropic() {
  const stub = await startStub("anthropic");
  const client = new Anthropic({ baseURL: stub.base_url, apiKey: "sk-ant-test", maxRetries: 0 });
  try {
    await check("anthropic: a message whole and streamed, with a request id", async () => {
      const { data, request_id } = await client.messages
        .create({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "hi you" }] })
        .withResponse();
      assert.match(request_id, /^req_/);
      assert.equal(data.content[0].text, "Stub answer to: hi you");
      assert.equal(data.usage.cache_read_input_tokens, 0);
      await script(stub, { type: "stream", deltas: ["Hel", "lo"] });
      const stream = client.messages.stream({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "hi" }] });
      const final = await stream.finalMessage();
      assert.equal(final.content[0].text, "Hello");
      assert.equal(final.stop_reason, "end_turn");
    });
    await check("anthropic: tool use and errors", async () => {
      await script(stub, [
        { type: "tool_calls", calls: [{ id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } }] },
        { type: "error", status: 529 },
      ]);
      const used = await client.messages.create({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "weather?" }] });
      assert.deepEqual(used.content[0].input, { city: "Paris" });
      const error = await client.messages
        .create({ model: "claude-x", max_tokens: 64, messages: [{ role: "user", content: "x" }] })
        .catch((e) => e);
      assert.equal(error.status, 529);
      assert.equal(error.error.error.type, "overloaded_error");
    });
  } finally {
    stub.stop();
  }
}

await openai();
await ollama();
await anthropic();
console.log(`${passed} checks passed${process.exitCode ? ", some failed" : ""}`);
