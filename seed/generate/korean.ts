/** Korean particles depend on whether the word before them ends in a consonant (받침). */

function endsWithConsonant(word: string): boolean {
  const code = word.charCodeAt(word.length - 1);
  const isHangulSyllable = code >= 0xac00 && code <= 0xd7a3;
  return isHangulSyllable && (code - 0xac00) % 28 !== 0;
}

/** "사진" → "사진을", "요가" → "요가를". */
export function withObjectParticle(word: string): string {
  return word + (endsWithConsonant(word) ? '을' : '를');
}
