/** The query GraphiQL opens with: several meetups at once, their talks, speakers and where else those speakers talk. */
export const defaultQuery = /* GraphQL */ `# Meetups newest first, with their talks and speakers,
# and every other talk each speaker gave across all meetups.
query CrossMeetupSpeakers {
  events(first: 10) {
    totalCount
    edges {
      node {
        title
        date
        city
        format
        talks {
          title
          speakers {
            name
            aliases
            affiliation
            talks {
              title
              event { title date }
            }
          }
          resources { kind url }
          projects { slug }
        }
      }
    }
  }
  projects(first: 5) {
    edges { node { slug talks { title event { title } } } }
  }
}
`;
