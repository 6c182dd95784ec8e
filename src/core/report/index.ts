/** The problem-management report: Markdown and offline HTML over the KEDB, the candidates and the fishbones. */
export * from './report';
