// Package rewrite turns a customer's free-text question into a short keyword query for the
// help-centre search index. It uses a fast hosted Llama model through Groq's
// OpenAI-compatible API.
package rewrite

import (
	"context"
	"errors"
	"os"
	"strings"

	"github.com/openai/openai-go"
	"github.com/openai/openai-go/option"
)

const (
	rewriteModel = "llama-3.3-70b-versatile"
	instructions = "Rewrite the user's question as at most eight search keywords. " +
		"Keep product names and error codes verbatim. Output the keywords only."
)

type Rewriter struct {
	client openai.Client
}

func New() (*Rewriter, error) {
	key := os.Getenv("GROQ_API_KEY")
	if key == "" {
		return nil, errors.New("rewrite: GROQ_API_KEY is not set")
	}
	client := openai.NewClient(
		option.WithBaseURL("https://api.groq.com/openai/v1"),
		option.WithAPIKey(key),
		option.WithMaxRetries(2),
	)
	return &Rewriter{client: client}, nil
}

func (r *Rewriter) Rewrite(ctx context.Context, question string) (string, error) {
	completion, err := r.client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{
		Model: rewriteModel,
		Messages: []openai.ChatCompletionMessageParamUnion{
			openai.SystemMessage(instructions),
			openai.UserMessage(question),
		},
		Temperature: openai.Float(0),
		MaxTokens:   openai.Int(48),
	})
	if err != nil {
		return "", err
	}
	if len(completion.Choices) == 0 {
		return question, nil
	}
	return strings.TrimSpace(completion.Choices[0].Message.Content), nil
}
