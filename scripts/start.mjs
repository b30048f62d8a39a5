#!/usr/bin/env node
// `npm start`: opens the course. The web course arrives in a later version; until then this
// tells the learner what is there and how to run it, and exits successfully.
const lines = [
  'mlseries — 深度学习 7 天速成 / deep learning in 7 days, in TypeScript',
  '',
  'The interactive web course arrives in a later version.',
  'What works today:',
  '  npm test          run the test suite',
  '  npm run bench     compare speed with TensorFlow.js',
  "  import { nd } from 'mlseries'   NumPy-style arrays (see README.md)",
];
console.log(lines.join('\n'));
