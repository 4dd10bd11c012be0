package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/acme/support/services/search-api/internal/rewrite"
)

type searchRequest struct {
	Query string `json:"query"`
	Limit int    `json:"limit"`
}

type searchResponse struct {
	Rewritten string   `json:"rewritten"`
	Articles  []string `json:"articles"`
}

func main() {
	rewriter, err := rewrite.New()
	if err != nil {
		slog.Error("startup", "err", err)
		os.Exit(1)
	}

	r := chi.NewRouter()
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	r.Post("/v1/search", func(w http.ResponseWriter, req *http.Request) {
		var body searchRequest
		if err := json.NewDecoder(req.Body).Decode(&body); err != nil || body.Query == "" {
			http.Error(w, "query is required", http.StatusBadRequest)
			return
		}
		keywords, err := rewriter.Rewrite(req.Context(), body.Query)
		if err != nil {
			slog.Warn("rewrite failed, searching raw query", "err", err)
			keywords = body.Query
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(searchResponse{Rewritten: keywords, Articles: lookup(keywords, body.Limit)})
	})

	srv := &http.Server{Addr: ":8080", Handler: r, ReadHeaderTimeout: 5 * time.Second}
	slog.Info("search-api listening", "addr", srv.Addr)
	if err := srv.ListenAndServe(); err != nil {
		slog.Error("server", "err", err)
		os.Exit(1)
	}
}

// lookup queries the help-centre index (Elasticsearch in production; stubbed here).
func lookup(keywords string, limit int) []string {
	if limit <= 0 || limit > 20 {
		limit = 10
	}
	return make([]string, 0, limit)
}
