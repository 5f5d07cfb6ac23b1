export { ReviewLinksPage } from "@/features/review-links/components/review-links-page";
export { problemsFrom, type FormProblems } from "@/features/review-links/format";
