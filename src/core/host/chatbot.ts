// The student's chatbot from the course's Module A.2 exercise, as it sits in
// their home directory: a few dozen lines of plain Python (requests, an API
// key from the environment, a history of messages, a read-reply loop).

export const CHATBOT_PY = `"""A small command-line chatbot.

Type a message and the AI provider answers. Type 'quit' or 'exit' to leave.
The API key is read from the OPENAI_API_KEY environment variable.
"""
import os
import sys

import requests

API_URL = "https://api.openai.com/v1/chat/completions"
MODEL = "gpt-4o-mini"


def ask(history, api_key):
    """Send the conversation so far and return the assistant's reply."""
    response = requests.post(
        API_URL,
        headers={"Authorization": f"Bearer {api_key}"},
        json={"model": MODEL, "messages": history},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["choices"][0]["message"]["content"]


def main():
    api_key = os.environ.get("OPENAI_API_KEY")
    if not api_key:
        print("Error: the OPENAI_API_KEY environment variable is not set.", file=sys.stderr)
        print("Set it to your API key, for example: export OPENAI_API_KEY=sk-...", file=sys.stderr)
        sys.exit(1)

    history = [{"role": "system", "content": "You are a helpful assistant."}]
    print("Chatbot ready. Type 'quit' or 'exit' to leave.")
    while True:
        message = input("You: ").strip()
        if message.lower() in ("quit", "exit"):
            print("Bye!")
            break
        if not message:
            continue
        history.append({"role": "user", "content": message})
        reply = ask(history, api_key)
        history.append({"role": "assistant", "content": reply})
        print(f"Bot: {reply}")


if __name__ == "__main__":
    main()
`;

export const REQUIREMENTS_TXT = 'requests\n';
