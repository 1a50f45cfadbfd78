import { analysisInputOf, parseAnalysisForm } from './analysis-form.util';

describe('the note and opinion create forms', () => {
  it('asks a note for its content and what it is about', () => {
    const { errors } = parseAnalysisForm('Note', { content: '  ', confidence: '-1' });
    expect(Object.keys(errors).sort()).toEqual(['confidence', 'content', 'objects']);
  });

  it('asks an opinion for a value of the vocabulary', () => {
    const { errors } = parseAnalysisForm('Opinion', { opinion: 'maybe', objects: 'x' });
    expect(Object.keys(errors)).toEqual(['opinion']);
  });

  it('becomes the noteAdd and opinionAdd inputs', () => {
    const note = parseAnalysisForm('Note', {
      content: 'Seen **twice**',
      attribute_abstract: 'Twice',
      objects: ['a', 'b', 'a'],
    });
    expect(note.errors).toEqual({});
    expect(analysisInputOf('Note', note.values)).toEqual({
      content: 'Seen **twice**',
      attribute_abstract: 'Twice',
      objectMarking: [],
      objects: ['a', 'b'],
    });
    const opinion = parseAnalysisForm('Opinion', {
      opinion: 'agree',
      explanation: '',
      confidence: '60',
      objects: 'a',
    });
    expect(analysisInputOf('Opinion', opinion.values)).toEqual({
      opinion: 'agree',
      confidence: 60,
      objectMarking: [],
      objects: ['a'],
    });
  });
});
