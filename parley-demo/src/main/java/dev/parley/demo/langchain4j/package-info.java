/**
 * The demo's optional LangChain4j copilot ({@code parley demo --langchain4j}): a scripted chat
 * model behind a real AI Service, instrumented by {@code parley-langchain4j}, so its events
 * reach the collector without a single hand-written tracking call.
 */
package dev.parley.demo.langchain4j;
